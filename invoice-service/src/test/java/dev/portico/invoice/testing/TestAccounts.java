package dev.portico.invoice.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.portico.invoice.account.AccountDirectory;
import dev.portico.invoice.account.BillingParty;
import dev.portico.platform.security.access.AccountLineage;
import dev.portico.platform.security.access.AccountLineages;

/**
 * The accounts invoice-service's tests work with, standing in for account-service behind
 * the two ports invoice-service asks it through (lineage for access checks, billing party
 * for issuing). The HTTP side of both is exercised against the real account-service in
 * {@code e2e}.
 */
public class TestAccounts implements AccountDirectory, AccountLineages {

	private final Map<UUID, Account> accounts = new ConcurrentHashMap<>();

	private int numbers = 100000;

	public synchronized UUID root(String name, String currency) {
		return add(name, currency, null, false);
	}

	public synchronized UUID child(UUID parent, String name, boolean invoicedByParent) {
		return add(name, this.accounts.get(parent).currency(), parent, invoicedByParent);
	}

	public String number(UUID accountId) {
		return this.accounts.get(accountId).number();
	}

	private UUID add(String name, String currency, UUID parent, boolean invoicedByParent) {
		UUID id = UUID.randomUUID();
		this.accounts.put(id, new Account(id, "A-" + (++this.numbers), name, currency, parent, invoicedByParent));
		return id;
	}

	@Override
	public Optional<BillingParty> billingPartyOf(UUID accountId) {
		Account account = this.accounts.get(accountId);
		if (account == null) {
			return Optional.empty();
		}
		Account payer = account;
		while (payer.invoicedByParent()) {
			payer = this.accounts.get(payer.parent());
		}
		return Optional.of(new BillingParty(party(account), party(payer)));
	}

	@Override
	public Optional<AccountLineage> find(UUID accountId) {
		Account account = this.accounts.get(accountId);
		if (account == null) {
			return Optional.empty();
		}
		List<UUID> ancestors = new ArrayList<>();
		for (UUID parent = account.parent(); parent != null; parent = this.accounts.get(parent).parent()) {
			ancestors.add(0, parent);
		}
		return Optional.of(new AccountLineage(accountId, ancestors, new AccountLineage.Features(true, true)));
	}

	private static BillingParty.Party party(Account account) {
		return new BillingParty.Party(account.id(), account.number(), account.name(), "ACTIVE", account.currency(),
				new BillingParty.Contact("Ada Lovelace", "ada@example.com", null),
				new BillingParty.Address("1 Main Street", null, "Springfield", "IL", "62701", "US"));
	}

	record Account(UUID id, String number, String name, String currency, UUID parent, boolean invoicedByParent) {
	}

}
