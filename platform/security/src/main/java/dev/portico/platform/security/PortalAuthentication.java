package dev.portico.platform.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * An authenticated request whose principal is a {@link PortalPrincipal}; the raw token
 * stays for relaying.
 */
public class PortalAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

	private final PortalPrincipal principal;

	public PortalAuthentication(Jwt jwt, PortalPrincipal principal,
			Collection<? extends GrantedAuthority> authorities) {
		super(jwt, principal, jwt, authorities);
		this.principal = principal;
		setAuthenticated(true);
	}

	@Override
	public PortalPrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public java.util.Map<String, Object> getTokenAttributes() {
		return getToken().getClaims();
	}

	@Override
	public String getName() {
		return this.principal.username();
	}

}
