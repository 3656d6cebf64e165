package dev.portico.events.payment;

/** The topic of payment results, published by payment-service. */
public final class PaymentsTopic {

	public static final String NAME = "payments.v1";

	private PaymentsTopic() {
	}

}
