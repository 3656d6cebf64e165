package dev.portico.payment.testing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.portico.payment.feature.Feature;
import dev.portico.platform.security.access.AccountLineage;
import dev.portico.platform.security.access.AccountLineages;

/**
 * The accounts payment-service's tests work with, standing in for account-service behind
 * {@link AccountLineages}: where each account sits (for the platform's access check) and
 * which portal features it has. The HTTP side of the port is exercised against the real
 * account-service in {@code e2e}.
 */
public class TestAccounts implements AccountLineages {

	private final Map<UUID, Account> accounts = new ConcurrentHashMap<>();

	/** A root account with exactly these features switched on. */
	public UUID add(Feature... enabled) {
		return put(null, features(enabled));
	}

	/** An account below {@code parent}, with the parent's features. */
	public UUID child(UUID parent) {
		return put(parent, EnumSet.copyOf(account(parent).features()));
	}

	/** An account below {@code parent}, with exactly these features switched on. */
	public UUID child(UUID parent, Feature... enabled) {
		account(parent);
		return put(parent, features(enabled));
	}

	/**
	 * Switches features on, as the provider would in account-service; effective on the
	 * next request.
	 */
	public void enable(UUID accountId, Feature... features) {
		account(accountId).features().addAll(List.of(features));
	}

	public void disable(UUID accountId, Feature... features) {
		account(accountId).features().removeAll(List.of(features));
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
		Set<Feature> features = account.features();
		return Optional.of(new AccountLineage(accountId, ancestors, new AccountLineage.Features(
				features.contains(Feature.PAYMENTS), features.contains(Feature.PAYMENT_METHODS))));
	}

	private UUID put(UUID parent, Set<Feature> features) {
		UUID id = UUID.randomUUID();
		this.accounts.put(id, new Account(parent, features));
		return id;
	}

	private Account account(UUID accountId) {
		Account account = this.accounts.get(accountId);
		if (account == null) {
			throw new IllegalArgumentException("No test account " + accountId);
		}
		return account;
	}

	private static Set<Feature> features(Feature... enabled) {
		Set<Feature> features = ConcurrentHashMap.newKeySet();
		features.addAll(List.of(enabled));
		return features;
	}

	record Account(UUID parent, Set<Feature> features) {
	}

}
