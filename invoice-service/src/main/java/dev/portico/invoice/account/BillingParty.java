package dev.portico.invoice.account;

import java.util.UUID;

/**
 * account-service's answer to "who pays for this account's charges": the account itself,
 * or the nearest ancestor that is not invoiced by its parent.
 */
public record BillingParty(Party account, Party payer) {

	public record Party(UUID accountId, String accountNumber, String name, String status, String currency,
			Contact contact, Address billingAddress) {
	}

	public record Contact(String name, String email, String phone) {
	}

	public record Address(String line1, String line2, String city, String region, String postalCode, String country) {
	}

}
