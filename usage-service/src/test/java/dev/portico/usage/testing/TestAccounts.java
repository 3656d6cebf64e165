package dev.portico.usage.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.platform.security.access.AccountLineage;
import dev.portico.platform.security.access.AccountLineages;

/**
 * The hierarchy as account-service would answer it for access checks. usage-service's own
 * knowledge of accounts (bill days) comes from {@code AccountOpened} events, which
 * {@link UsageApiTest#open} sends on the real broker.
 */
public class TestAccounts implements AccountLineages {

	private final Map<UUID, Account> accounts = new ConcurrentHashMap<>();

	private final AtomicInteger numbers = new AtomicInteger(100000);

	UUID add(UUID parent) {
		UUID id = UUID.randomUUID();
		this.accounts.put(id, new Account(id, "A-" + this.numbers.incrementAndGet(), parent));
		return id;
	}

	public String number(UUID accountId) {
		return this.accounts.get(accountId).number();
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

	record Account(UUID id, String number, UUID parent) {
	}

}
