package dev.portico.payment.method;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * No such payment method on this account: the same answer whether it does not exist or
 * belongs to another one.
 */
class PaymentMethodNotFound extends PortalException {

	PaymentMethodNotFound() {
		super(HttpStatus.NOT_FOUND, "payment-method-not-found", "Payment method not found",
				"No such payment method on this account.");
	}

}
