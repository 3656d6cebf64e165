package dev.portico.payment.idempotency;

import java.util.Map;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * The first request with this key is still being processed; its answer will be replayed
 * once it has one.
 */
public class IdempotentRequestInFlight extends PortalException {

	public IdempotentRequestInFlight() {
		super(HttpStatus.CONFLICT, "idempotent-request-in-flight", "Request in progress",
				"A request with this Idempotency-Key is still being processed; retry in a moment to get its answer.");
	}

	@Override
	public Map<String, String> headers() {
		return Map.of("Retry-After", "1");
	}

}
