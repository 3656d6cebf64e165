package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import dev.portico.payment.processor.PaymentProcessor;

/**
 * A payment of an account, from the moment before it is charged. Its id is the reference
 * the processor gets.
 *
 * @param processorToken what is charged: the saved card's processor token at the time of
 * the request
 * @param failureMessage the processor's words for a decline, for the customer
 * @param attemptUntil until when the request that created it may still be charging it;
 * after that, a payment still {@code PENDING} lost its attempt (a crash) and is the
 * reconciler's
 * @param actionSecret while {@code ACTION_REQUIRED}: what the customer's page or app
 * needs to show the bank's challenge (the processor's client secret)
 */
record Payment(UUID id, UUID accountId, UUID paymentMethodId, UUID invoiceId, BigDecimal amount, Currency currency,
		PaymentStatus status, String chargeId, String failureCode, Instant createdAt, Instant settledAt,
		String processorToken, String failureMessage, Instant attemptUntil, String actionSecret) {

	Payment settled(PaymentStatus status, String chargeId, String failureCode, String failureMessage, Instant at) {
		return new Payment(this.id, this.accountId, this.paymentMethodId, this.invoiceId, this.amount, this.currency,
				status, chargeId, failureCode, this.createdAt, at, this.processorToken, failureMessage,
				this.attemptUntil, null);
	}

	/**
	 * What the processor is asked to charge: the payment id is the reference that makes
	 * it idempotent.
	 */
	PaymentProcessor.ChargeRequest chargeRequest() {
		return new PaymentProcessor.ChargeRequest(this.id.toString(), this.accountId, this.processorToken, this.amount,
				this.currency);
	}

	/**
	 * Whether a live request may still be charging it, so that its key is in flight
	 * rather than answerable.
	 */
	boolean attemptLive(Instant now) {
		return this.status == PaymentStatus.PENDING && this.attemptUntil != null && this.attemptUntil.isAfter(now);
	}

}
