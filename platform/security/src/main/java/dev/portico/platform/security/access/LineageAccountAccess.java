package dev.portico.platform.security.access;

import java.util.UUID;

import dev.portico.platform.security.AccountAccess;
import dev.portico.platform.security.PortalPrincipal;

/**
 * Access by lineage: a customer reaches its own account and everything below it, that is
 * every account whose lineage contains the customer's account; ops reach every account
 * that exists.
 */
public class LineageAccountAccess implements AccountAccess {

	private final AccountLineages lineages;

	public LineageAccountAccess(AccountLineages lineages) {
		this.lineages = lineages;
	}

	@Override
	public boolean mayAccess(PortalPrincipal principal, UUID accountId) {
		if (!principal.isOps() && !principal.hasAccount()) {
			return false;
		}
		return this.lineages.find(accountId)
			.map((lineage) -> principal.isOps() || lineage.isSelfOrBelow(principal.accountId()))
			.orElse(false);
	}

}
