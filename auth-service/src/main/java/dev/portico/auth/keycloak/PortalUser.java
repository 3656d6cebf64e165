package dev.portico.auth.keycloak;

import java.util.List;

/** A user of realm {@code portal} as auth-service sees it. */
public record PortalUser(String id, String username, String email, String accountId, boolean enabled,
		List<String> roles) {

	public PortalUser {
		roles = List.copyOf(roles);
	}

}
