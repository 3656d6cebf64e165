package dev.portico.gateway.edge;

import java.security.Principal;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who an API call counts against: the signed-in user (the token's subject, so that
 * fetching new tokens does not reset a budget), or the client's address before sign-in.
 * Set on the exchange by {@link PerUserRateLimitWebFilter}, and read by the routes'
 * per-user share of a service's places.
 */
public final class CallerKey {

	static final String ATTRIBUTE = CallerKey.class.getName();

	private CallerKey() {
	}

	/** The caller of this API call, or {@code null} outside the API. */
	public static String of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	static String user(Principal principal) {
		if (principal instanceof AbstractOAuth2TokenAuthenticationToken<?> token
				&& token.getToken() instanceof Jwt jwt) {
			return "user:" + jwt.getSubject();
		}
		return "user:" + principal.getName();
	}

	static String address(String clientAddress) {
		return "address:" + clientAddress;
	}

}
