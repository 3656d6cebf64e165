package dev.portico.auth.keycloak;

import dev.portico.platform.web.RetryLater;

import org.springframework.http.HttpStatus;

/**
 * Keycloak did not answer in time, answered with a server error, or the circuit breaker
 * is open.
 */
public class KeycloakUnavailable extends RetryLater {

	public KeycloakUnavailable(long retryAfterSeconds) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
				"The identity provider is not available; try again later.", retryAfterSeconds);
	}

}
