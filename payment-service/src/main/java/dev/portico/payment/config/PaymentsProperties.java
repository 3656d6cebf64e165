package dev.portico.payment.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an operator sets for payments.
 *
 * @param invoiceServiceUrl where invoice-service answers the receivable check
 * ({@code PORTICO_PAYMENTS_INVOICE_SERVICE_URL})
 * @param invoiceServiceRetryAfter {@code Retry-After} of a {@code 503} while invoice-service cannot answer, and how
 * long the circuit stays open
 * @param chargeTimeout how long a charge may take before its outcome counts as unknown and the payment is left to
 * the reconciler ({@code PORTICO_PAYMENTS_CHARGE_TIMEOUT})
 * @param reconcileEvery how often pending payments are looked up at the processor
 * @param giveUpAfter a pending payment the processor still does not know after this was never charged: it fails
 * @param idempotencyKeyRetention how long an answered Idempotency-Key is replayed (at least 24 h)
 */
@ConfigurationProperties("portico.payments")
public record PaymentsProperties(@DefaultValue("http://localhost:8083") URI invoiceServiceUrl,
		@DefaultValue("5s") Duration invoiceServiceRetryAfter, @DefaultValue("5s") Duration chargeTimeout,
		@DefaultValue("2s") Duration reconcileEvery, @DefaultValue("30s") Duration giveUpAfter,
		@DefaultValue("25h") Duration idempotencyKeyRetention) {

}
