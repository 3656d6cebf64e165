package dev.portico.payment.method;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * The account already keeps as many cards as it may. A {@code 409} rather than a
 * {@code 422}: the card itself is fine, it is the account's current state that refuses
 * it, and the same request succeeds once a card is deleted.
 */
class TooManyPaymentMethods extends PortalException {

	TooManyPaymentMethods(int limit) {
		super(HttpStatus.CONFLICT, "too-many-payment-methods", "Too many payment methods",
				"An account keeps at most " + limit + " payment methods; delete one before adding another.");
	}

}
