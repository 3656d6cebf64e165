package dev.portico.payment.payment;

import java.util.Map;
import java.util.UUID;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * The processor refused the card: {@code 402}, carrying the failed payment's id and the
 * decline code.
 */
class PaymentDeclined extends PortalException {

	private final UUID paymentId;

	private final String code;

	PaymentDeclined(UUID paymentId, String code, String message) {
		super(HttpStatus.PAYMENT_REQUIRED, "payment-declined", "Payment declined", message);
		this.paymentId = paymentId;
		this.code = code;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("paymentId", this.paymentId, "declineCode", this.code);
	}

}
