package dev.portico.payment.idempotency;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * The key was used before with another request body: never guess which one the client
 * meant.
 */
public class IdempotencyKeyReused extends PortalException {

	public IdempotencyKeyReused() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
				"This Idempotency-Key was used with a different request; use a new key for a new payment.");
	}

}
