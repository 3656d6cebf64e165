package dev.portico.payment.method;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A saved card as clients see it: enough to recognise and choose it, nothing to charge it
 * with.
 */
record PaymentMethodView(UUID paymentMethodId, String type, String brand, String last4, int expMonth, int expYear,
		String holderName, @JsonProperty("isDefault") boolean isDefault) {

	static final String CARD = "CARD";

	static PaymentMethodView of(PaymentMethod method) {
		return new PaymentMethodView(method.id(), CARD, method.brand(), method.last4(), method.expMonth(),
				method.expYear(), method.holderName(), method.isDefault());
	}

}
