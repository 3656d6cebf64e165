package dev.portico.invoice.testing;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.portico.invoice.account.AccountDirectory;
import dev.portico.invoice.account.BillingParty;
import dev.portico.platform.security.access.AccountLineage;
import dev.portico.platform.security.access.AccountLineages;
import dev.portico.platform.security.access.TestHierarchy;

/**
 * The accounts invoice-service's tests work with, standing in for account-service behind
 * the two ports invoice-service asks it through (lineage for access checks, billing party
 * for issuing). The HTTP side of both is exercised against the real account-service in
 * {@code e2e}.
 */
public class TestAccounts implements AccountDirectory, AccountLineages {

	private final TestHierarchy hierarchy = new TestHierarchy();

	private final Map<UUID, Billing> billing = new ConcurrentHashMap<>();

	public UUID root(String name, String currency) {
		return add(null, name, currency, false);
	}

	public UUID child(UUID parent, String name, boolean invoicedByParent) {
		return add(parent, name, this.billing.get(parent).currency(), invoicedByParent);
	}

	public String number(UUID accountId) {
		return this.hierarchy.number(accountId);
	}

	private UUID add(UUID parent, String name, String currency, boolean invoicedByParent) {
		UUID id = this.hierarchy.add(parent);
		this.billing.put(id, new Billing(name, currency, invoicedByParent));
		return id;
	}

	@Override
	public Optional<BillingParty> billingPartyOf(UUID accountId) {
		if (!this.billing.containsKey(accountId)) {
			return Optional.empty();
		}
		UUID payer = accountId;
		while (this.billing.get(payer).invoicedByParent()) {
			payer = this.hierarchy.parent(payer);
		}
		return Optional.of(new BillingParty(party(accountId), party(payer)));
	}

	@Override
	public Optional<AccountLineage> find(UUID accountId) {
		return this.hierarchy.find(accountId);
	}

	private BillingParty.Party party(UUID accountId) {
		Billing account = this.billing.get(accountId);
		return new BillingParty.Party(accountId, number(accountId), account.name(), "ACTIVE", account.currency(),
				new BillingParty.Contact("Ada Lovelace", "ada@example.com", null),
				new BillingParty.Address("1 Main Street", null, "Springfield", "IL", "62701", "US"));
	}

	private record Billing(String name, String currency, boolean invoicedByParent) {
	}

}
