package dev.portico.invoice.account;

import java.util.Optional;
import java.util.UUID;

import dev.portico.platform.security.access.AccountServiceClient;

import org.springframework.stereotype.Component;

/**
 * Asks account-service's internal billing endpoint, with invoice-service's own service
 * token.
 */
@Component
class RemoteAccountDirectory implements AccountDirectory {

	private static final String BILLING_PATH = "/internal/accounts/{accountId}/billing";

	private final AccountServiceClient accountService;

	RemoteAccountDirectory(AccountServiceClient accountService) {
		this.accountService = accountService;
	}

	@Override
	public Optional<BillingParty> billingPartyOf(UUID accountId) {
		return this.accountService.find(BILLING_PATH, BillingParty.class, accountId);
	}

}
