package dev.portico.payment.method;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/** The card behind this token is saved on the account already. */
class PaymentMethodAlreadySaved extends PortalException {

	PaymentMethodAlreadySaved() {
		super(HttpStatus.CONFLICT, "payment-method-already-saved", "Payment method already saved",
				"This card is saved on the account already.");
	}

}
