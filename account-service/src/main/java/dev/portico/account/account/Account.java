package dev.portico.account.account;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * An account as account-service keeps it. {@code path} runs from the root of its
 * hierarchy down to the account itself, so its ancestors and its depth are known without
 * a walk up the tree.
 */
public record Account(UUID id, String accountNumber, String name, AccountStatus status, Currency currency, int billDay,
		Contact contact, BillingAddress billingAddress, Features features, UUID parentId, boolean invoicedByParent,
		List<UUID> path, Instant createdAt, Instant updatedAt) {

	public Account {
		path = List.copyOf(path);
		if (path.isEmpty() || !path.get(path.size() - 1).equals(id)) {
			throw new IllegalArgumentException("The path of account " + id + " must end with the account itself");
		}
	}

	/** Root first, parent last; empty for a root. */
	public List<UUID> ancestorIds() {
		return this.path.subList(0, this.path.size() - 1);
	}

	/** 1 for a root. */
	public int depth() {
		return this.path.size();
	}

}
