package dev.portico.payment.payment;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * A payment without an Idempotency-Key could be charged twice by a retry: refused before
 * anything happens.
 */
class MissingIdempotencyKey extends PortalException {

	MissingIdempotencyKey(String detail) {
		super(HttpStatus.BAD_REQUEST, "idempotency-key-required", "Idempotency-Key required", detail);
	}

}
