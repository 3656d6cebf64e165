package dev.portico.platform.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Calls between services carry the caller's own token, so that the service asked sees who asks and applies the same
 * rules (an ops-only endpoint stays ops-only, whoever relays the call).
 */
public final class TokenRelay {

	private TokenRelay() {
	}

	public static void relayCallerToken(HttpHeaders headers) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof PortalAuthentication portal) {
			headers.setBearerAuth(portal.getToken().getTokenValue());
		}
	}

}
