package dev.portico.auth.keycloak;

import java.util.Map;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/** Keycloak did not answer in time, answered with a server error, or the circuit breaker is open. */
public class KeycloakUnavailable extends PortalException {

	private final long retryAfterSeconds;

	public KeycloakUnavailable(long retryAfterSeconds) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
				"The identity provider is not available; try again later.");
		this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
	}

	@Override
	public Map<String, String> headers() {
		return Map.of("Retry-After", Long.toString(this.retryAfterSeconds));
	}

}
