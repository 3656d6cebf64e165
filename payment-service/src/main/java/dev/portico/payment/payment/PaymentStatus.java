package dev.portico.payment.payment;

public enum PaymentStatus {

	/** Charged or not: the processor's answer was lost, the reconciler will find out. */
	PENDING,

	SUCCEEDED,

	FAILED

}
