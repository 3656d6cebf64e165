package dev.portico.usage.testing;

import java.util.Optional;
import java.util.UUID;

import dev.portico.platform.security.access.AccountLineage;
import dev.portico.platform.security.access.AccountLineages;
import dev.portico.platform.security.access.TestHierarchy;

/**
 * The hierarchy as account-service would answer it for access checks. usage-service's own
 * knowledge of accounts (bill days) comes from {@code AccountOpened} events, which
 * {@link UsageApiTest#open} sends on the real broker.
 */
public class TestAccounts implements AccountLineages {

	private final TestHierarchy hierarchy = new TestHierarchy();

	UUID add(UUID parent) {
		return this.hierarchy.add(parent);
	}

	public String number(UUID accountId) {
		return this.hierarchy.number(accountId);
	}

	@Override
	public Optional<AccountLineage> find(UUID accountId) {
		return this.hierarchy.find(accountId);
	}

}
