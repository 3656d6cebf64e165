package dev.portico.platform.security;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads a Keycloak access token of realm {@code portal}: realm roles from
 * {@code realm_access.roles}, the account from the {@code account_id} claim. A malformed
 * account id leaves the caller without an account rather than failing the request, since
 * the token itself is valid.
 */
public class PortalJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	public static final String ACCOUNT_ID_CLAIM = "account_id";

	@Override
	public PortalAuthentication convert(Jwt jwt) {
		Set<String> roles = realmRoles(jwt);
		String username = stringClaim(jwt, "preferred_username");
		PortalPrincipal principal = new PortalPrincipal(jwt.getSubject(),
				(username != null) ? username : jwt.getSubject(), accountId(stringClaim(jwt, ACCOUNT_ID_CLAIM)), roles);
		Collection<SimpleGrantedAuthority> authorities = roles.stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		return new PortalAuthentication(jwt, principal, authorities);
	}

	// Claims are read from the map as the JSON parser left them: the getClaimAs…
	// accessors go through a conversion service per call, which made this converter 3 %
	// of the gateway's CPU per request.
	private static Set<String> realmRoles(Jwt jwt) {
		if (jwt.getClaims().get("realm_access") instanceof Map<?, ?> realmAccess
				&& realmAccess.get("roles") instanceof Collection<?> roles) {
			return roles.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
		}
		return Set.of();
	}

	private static String stringClaim(Jwt jwt, String name) {
		Object value = jwt.getClaims().get(name);
		return (value != null) ? value.toString() : null;
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
