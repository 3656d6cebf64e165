package dev.portico.payment.payment;

/** Where a payment stands. Only {@code SUCCEEDED} and {@code FAILED} are final. */
public enum PaymentStatus {

	/** Being charged by the request that created it (within its attempt's lease). */
	PENDING,

	/**
	 * The attempt ended without the processor's answer (a timeout, an error, a crash):
	 * charged or not, nobody knows yet. Never turned into {@code FAILED} by waiting: the
	 * reconciler asks the processor, backing off, until it answers, or operations staff
	 * resolve it by hand. Customers see it as {@code PENDING}.
	 */
	UNKNOWN,

	/**
	 * The card's bank wants the customer to confirm (3-D Secure): the customer's page or
	 * app shows the challenge, then the processor tells the outcome. One the customer
	 * leaves unconfirmed is withdrawn after {@code portico.payments.action-timeout}.
	 * Customers see it as {@code PENDING}, with what their page needs.
	 */
	ACTION_REQUIRED,

	SUCCEEDED,

	FAILED;

	/** What clients see: money that may have moved is pending, never failed. */
	PaymentStatus shown() {
		return (this == UNKNOWN || this == ACTION_REQUIRED) ? PENDING : this;
	}

}
