package dev.portico.platform.security;

import org.springframework.http.HttpHeaders;

/**
 * The identity a service shows when it calls another's internal endpoints: an access
 * token of its own with the realm role {@code service}, never a customer's or an
 * operator's token relayed. Those endpoints refuse every token without that role, so a
 * customer's token opens none of them.
 */
public interface ServiceTokens {

	/** The realm role that internal endpoints require. */
	String ROLE = "service";

	/** A current access token of this service. */
	String accessToken();

	default void authorize(HttpHeaders headers) {
		headers.setBearerAuth(accessToken());
	}

}
