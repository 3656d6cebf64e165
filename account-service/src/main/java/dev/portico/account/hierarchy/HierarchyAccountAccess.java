package dev.portico.account.hierarchy;

import java.util.UUID;

import dev.portico.platform.security.AccountAccess;
import dev.portico.platform.security.PortalPrincipal;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * account-service answers access questions from its own tables, in one indexed lookup per
 * request: a customer may use its own account and every account below it, ops every
 * account that exists. {@code @Primary} over the remote implementation the platform
 * configures for the other services.
 */
@Component
@Primary
class HierarchyAccountAccess implements AccountAccess {

	private final HierarchyRepository hierarchy;

	HierarchyAccountAccess(HierarchyRepository hierarchy) {
		this.hierarchy = hierarchy;
	}

	@Override
	public boolean mayAccess(PortalPrincipal principal, UUID accountId) {
		if (principal.isOps()) {
			return this.hierarchy.exists(accountId);
		}
		return principal.hasAccount() && this.hierarchy.isSelfOrBelow(principal.accountId(), accountId);
	}

}
