package dev.portico.account.billing;

import java.util.UUID;

import dev.portico.account.account.Account;
import dev.portico.account.account.AccountStatus;
import dev.portico.account.account.BillingAddress;
import dev.portico.account.account.Contact;

/**
 * Who is invoiced for an account's charges: {@code account} itself, or, when it is
 * invoiced by its parent, the nearest ancestor that is not ({@code payer}).
 * invoice-service asks for it when it issues an invoice, and keeps the payer's name and
 * address on the invoice as they were that day.
 */
record BillingParty(Party account, Party payer) {

	record Party(UUID accountId, String accountNumber, String name, AccountStatus status, String currency,
			Contact contact, BillingAddress billingAddress) {

		static Party of(Account account) {
			return new Party(account.id(), account.accountNumber(), account.name(), account.status(),
					account.currency().getCurrencyCode(), account.contact(), account.billingAddress());
		}

	}

}
