package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

/**
 * Money given back from a succeeded payment. Its id is the reference the processor gets.
 *
 * @param origin {@code ops} when asked for through Portico, {@code processor} when made
 * at the processor
 * @param processorRefundId the processor's id of the refund, once it told it
 */
record Refund(UUID id, UUID paymentId, UUID accountId, BigDecimal amount, Currency currency, RefundStatus status,
		String reason, String origin, String processorRefundId, String failureCode, String failureMessage,
		Instant createdAt, Instant settledAt) {

	enum RefundStatus {

		/** Being asked of the processor by the request that created it. */
		PENDING,

		/**
		 * The processor's answer did not come back: asked again under the same reference
		 * until it does.
		 */
		UNKNOWN,

		SUCCEEDED,

		FAILED;

		/** What clients see: money that may have moved is pending. */
		RefundStatus shown() {
			return (this == UNKNOWN) ? PENDING : this;
		}

	}

}
