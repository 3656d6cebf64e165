package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

/** A payment of an account, from the moment before it is charged. Its id is the reference the processor gets. */
record Payment(UUID id, UUID accountId, UUID paymentMethodId, UUID invoiceId, BigDecimal amount, Currency currency,
		PaymentStatus status, String chargeId, String failureCode, Instant createdAt, Instant settledAt) {

	Payment settled(PaymentStatus status, String chargeId, String failureCode, Instant at) {
		return new Payment(this.id, this.accountId, this.paymentMethodId, this.invoiceId, this.amount, this.currency,
				status, chargeId, failureCode, this.createdAt, at);
	}

}
