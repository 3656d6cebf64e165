package dev.portico.platform.security.access;

import java.util.List;
import java.util.UUID;

/**
 * Where an account sits in the hierarchy: its ancestors from the root down to its parent,
 * and the portal features switched on for it. Enough to answer every access question
 * about the account without another call.
 */
public record AccountLineage(UUID accountId, List<UUID> ancestorIds, Features features) {

	public AccountLineage {
		ancestorIds = List.copyOf(ancestorIds);
		features = (features != null) ? features : Features.NONE;
	}

	/** True if {@code accountId} is this account or one of its ancestors. */
	public boolean isSelfOrBelow(UUID accountId) {
		return this.accountId.equals(accountId) || this.ancestorIds.contains(accountId);
	}

	/** The portal features of an account, as its provider configured them. */
	public record Features(boolean payments, boolean paymentMethods) {

		public static final Features NONE = new Features(false, false);

	}

}
