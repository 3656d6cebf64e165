package dev.portico.account.overview;

import java.util.UUID;

import dev.portico.account.account.Account;
import dev.portico.account.account.AccountRef;
import dev.portico.account.account.AccountService;
import dev.portico.account.balance.Balance;
import dev.portico.account.balance.BalanceService;
import dev.portico.account.hierarchy.HierarchyRepository;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The overview, answered from account-service's own tables (the balance from its
 * projection), so that it never waits on another service. Access to the account is
 * checked by the platform first.
 */
@RestController
class OverviewController {

	private final AccountService accounts;

	private final BalanceService balances;

	private final HierarchyRepository hierarchy;

	OverviewController(AccountService accounts, BalanceService balances, HierarchyRepository hierarchy) {
		this.accounts = accounts;
		this.balances = balances;
		this.hierarchy = hierarchy;
	}

	@Operation(summary = "An account's overview: balance, due, latest invoice, parent and features")
	@GetMapping("/api/accounts/{accountId}/overview")
	Overview overview(@PathVariable UUID accountId) {
		Account account = this.accounts.get(accountId);
		Balance balance = this.balances.balanceOf(account);
		AccountRef parent = (account.parentId() != null)
				? this.accounts.find(account.parentId()).map(AccountRef::of).orElse(null) : null;
		return new Overview(account.id(), account.accountNumber(), account.name(), account.status(),
				account.currency().getCurrencyCode(), balance.balance().amount(), balance.due().amount(),
				account.billDay(), balance.latestInvoice(), parent, account.invoicedByParent(),
				this.hierarchy.hasChildren(account.id()), account.features());
	}

}
