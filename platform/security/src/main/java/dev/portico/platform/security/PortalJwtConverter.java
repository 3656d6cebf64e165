package dev.portico.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads a Keycloak access token of realm {@code portal}: realm roles from {@code realm_access.roles}, the account
 * from the {@code account_id} claim. A malformed account id leaves the caller without an account rather than
 * failing the request, since the token itself is valid.
 */
public class PortalJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	public static final String ACCOUNT_ID_CLAIM = "account_id";

	@Override
	public PortalAuthentication convert(Jwt jwt) {
		Set<String> roles = realmRoles(jwt);
		String username = jwt.getClaimAsString("preferred_username");
		PortalPrincipal principal = new PortalPrincipal(jwt.getSubject(), (username != null) ? username : jwt.getSubject(),
				accountId(jwt.getClaimAsString(ACCOUNT_ID_CLAIM)), roles);
		Collection<SimpleGrantedAuthority> authorities = roles.stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		return new PortalAuthentication(jwt, principal, authorities);
	}

	private static Set<String> realmRoles(Jwt jwt) {
		Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
		if (realmAccess != null && realmAccess.get("roles") instanceof List<?> roles) {
			return roles.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
		}
		return Set.of();
	}

	private static UUID accountId(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
