package dev.portico.payment.payment;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

class PaymentNotFound extends PortalException {

	PaymentNotFound() {
		super(HttpStatus.NOT_FOUND, "payment-not-found", "Payment not found", "No such payment on this account.");
	}

}
