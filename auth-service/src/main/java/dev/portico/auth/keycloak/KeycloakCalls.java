package dev.portico.auth.keycloak;

import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.ResourceAccessException;

/**
 * Every call to Keycloak goes through here: one circuit breaker for the token endpoint
 * and the admin API alike, so that once Keycloak looks down callers get a {@code 503} at
 * once instead of each waiting for its timeout. Only unavailability counts against the
 * breaker; a refused password is Keycloak working as it should.
 */
class KeycloakCalls {

	private static final Logger log = LoggerFactory.getLogger(KeycloakCalls.class);

	private final CircuitBreaker breaker;

	private final long retryAfterSeconds;

	KeycloakCalls(CircuitBreaker breaker, long retryAfterSeconds) {
		this.breaker = breaker;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	<T> T call(String what, Supplier<T> call) {
		try {
			return this.breaker.executeSupplier(() -> translate(what, call));
		}
		catch (CallNotPermittedException ex) {
			throw new KeycloakUnavailable(this.retryAfterSeconds);
		}
	}

	void run(String what, Runnable call) {
		call(what, () -> {
			call.run();
			return null;
		});
	}

	private <T> T translate(String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (ResourceAccessException | ProcessingException ex) {
			// Connection refused, timeouts: the messages name hosts and ports, never
			// credentials.
			log.warn("Keycloak unreachable during {}: {}", what, ex.getMessage());
			throw new KeycloakUnavailable(this.retryAfterSeconds);
		}
		catch (WebApplicationException ex) {
			int status = ex.getResponse().getStatus();
			if (status >= 500 || status == 401 || status == 403) {
				// 401/403 on the admin API mean auth-service's own client is
				// misconfigured: not the caller's fault.
				log.warn("Keycloak answered {} during {}", status, what);
				throw new KeycloakUnavailable(this.retryAfterSeconds);
			}
			throw ex;
		}
	}

}
