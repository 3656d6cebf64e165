package dev.portico.gateway.routing;

/**
 * A call found no free place at its service within the wait allowed. The route's circuit
 * breaker answers it with the {@code 503} fallback, and does not count it as a failure of
 * the service (see application.yml).
 */
public class ConcurrencyLimitExceededException extends RuntimeException {

	ConcurrencyLimitExceededException(String message) {
		super(message, null, false, false);
	}

}
