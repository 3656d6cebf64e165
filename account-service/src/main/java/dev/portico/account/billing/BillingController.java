package dev.portico.account.billing;

import java.util.UUID;

import dev.portico.account.account.Account;
import dev.portico.account.account.AccountService;
import dev.portico.platform.security.AccountNotFound;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Not routed by the gateway: invoice-service calls it with its own service token when it
 * issues an invoice. Hidden from the public API document like the lineage endpoint.
 */
@RestController
class BillingController {

	private final AccountService accounts;

	BillingController(AccountService accounts) {
		this.accounts = accounts;
	}

	@Hidden
	@GetMapping("/internal/accounts/{accountId}/billing")
	BillingParty billing(@PathVariable UUID accountId) {
		Account account = this.accounts.find(accountId).orElseThrow(AccountNotFound::new);
		Account payer = account;
		// Accounts never move and a parent always exists, so the walk ends at the root at
		// the latest.
		while (payer.invoicedByParent()) {
			payer = this.accounts.get(payer.parentId());
		}
		return new BillingParty(BillingParty.Party.of(account), BillingParty.Party.of(payer));
	}

}
