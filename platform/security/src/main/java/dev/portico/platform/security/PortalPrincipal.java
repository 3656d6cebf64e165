package dev.portico.platform.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as the access token says: the Keycloak user, the account the user
 * belongs to (absent for staff) and the realm roles.
 */
public record PortalPrincipal(String subject, String username, UUID accountId, Set<String> roles) {

	public static final String CUSTOMER = "customer";

	public static final String OPS = "ops";

	public PortalPrincipal {
		roles = Set.copyOf(roles);
	}

	/**
	 * The roles of the portal itself, without Keycloak's own defaults
	 * ({@code offline_access}, ...).
	 */
	public List<String> portalRoles() {
		return this.roles.stream().filter((role) -> role.equals(CUSTOMER) || role.equals(OPS)).sorted().toList();
	}

	public boolean isOps() {
		return this.roles.contains(OPS);
	}

	public boolean hasAccount() {
		return this.accountId != null;
	}

}
