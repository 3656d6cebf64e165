package dev.portico.account.profile;

import java.util.List;
import java.util.UUID;

import dev.portico.account.account.AccountRef;
import dev.portico.account.account.AccountStatus;
import dev.portico.account.account.BillingAddress;
import dev.portico.account.account.Contact;
import dev.portico.account.packages.PackageView;

/** An account's profile as {@code GET /api/accounts/{accountId}} shows it. */
record Profile(UUID accountId, String accountNumber, String name, AccountStatus status, String currency, int billDay,
		Contact contact, BillingAddress billingAddress, List<PackageView> packages, AccountRef parent,
		boolean invoicedByParent) {
}
