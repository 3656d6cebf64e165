package dev.portico.platform.security.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Account-service's hierarchy as a service's tests need it, in memory: where each account
 * sits (for the platform's access check), its account number, and which portal features
 * it has. A service's own test accounts extend it with what else that service asks
 * account-service. The HTTP side of {@link AccountLineages} is exercised against the real
 * account-service in {@code e2e}. Services' tests get it from this module's test jar.
 */
public class TestHierarchy implements AccountLineages {

	private static final AccountLineage.Features ALL = new AccountLineage.Features(true, true);

	private final Map<UUID, Node> accounts = new ConcurrentHashMap<>();

	private final AtomicInteger numbers = new AtomicInteger(100000);

	/**
	 * An account below {@code parent} (or a root, for {@code null}), with the parent's
	 * features.
	 */
	public UUID add(UUID parent) {
		return add(parent, (parent != null) ? node(parent).features : ALL);
	}

	/**
	 * An account below {@code parent} (or a root, for {@code null}) with exactly these
	 * features.
	 */
	public UUID add(UUID parent, AccountLineage.Features features) {
		if (parent != null) {
			node(parent);
		}
		UUID id = UUID.randomUUID();
		this.accounts.put(id, new Node("A-" + this.numbers.incrementAndGet(), parent, features));
		return id;
	}

	/**
	 * Switches features as the provider would in account-service; effective on the next
	 * request.
	 */
	public void features(UUID accountId, AccountLineage.Features features) {
		node(accountId).features = features;
	}

	public AccountLineage.Features features(UUID accountId) {
		return node(accountId).features;
	}

	public String number(UUID accountId) {
		return node(accountId).number;
	}

	public UUID parent(UUID accountId) {
		return node(accountId).parent;
	}

	@Override
	public Optional<AccountLineage> find(UUID accountId) {
		Node account = this.accounts.get(accountId);
		if (account == null) {
			return Optional.empty();
		}
		List<UUID> ancestors = new ArrayList<>();
		for (UUID parent = account.parent; parent != null; parent = node(parent).parent) {
			ancestors.add(0, parent);
		}
		return Optional.of(new AccountLineage(accountId, ancestors, account.features));
	}

	private Node node(UUID accountId) {
		Node node = this.accounts.get(accountId);
		if (node == null) {
			throw new IllegalArgumentException("No test account " + accountId);
		}
		return node;
	}

	private static final class Node {

		final String number;

		final UUID parent;

		volatile AccountLineage.Features features;

		Node(String number, UUID parent, AccountLineage.Features features) {
			this.number = number;
			this.parent = parent;
			this.features = features;
		}

	}

}
