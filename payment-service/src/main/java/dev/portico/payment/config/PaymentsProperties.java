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
 * @param invoiceServiceRetryAfter {@code Retry-After} of a {@code 503} while
 * invoice-service cannot answer, and how long the circuit stays open
 * @param chargeTimeout how long a charge may take before its outcome counts as unknown
 * and the payment is left to the reconciler ({@code PORTICO_PAYMENTS_CHARGE_TIMEOUT})
 * @param lookupTimeout how long the reconciler waits for the processor to say what became
 * of a charge
 * @param reconcileEvery how often unknown payments are looked for
 * @param lookupBackOff the wait after a payment's first lookup that brought no answer,
 * doubled after each further one, up to {@code lookupMaxBackOff}
 * @param lookupMaxBackOff the longest wait between two lookups of one unknown payment
 * @param idempotencyKeyRetention how long an Idempotency-Key is replayed (at least 24 h)
 * @param actionTimeout how long a payment waits for the customer to confirm with their
 * bank (3-D Secure) before it is withdrawn at the processor and fails
 * @param processor which card processor takes the payments: {@code simulated} (local runs
 * and tests, refused under the {@code prod} profile) or {@code stripe}
 */
@ConfigurationProperties("portico.payments")
public record PaymentsProperties(@DefaultValue("http://localhost:8083") URI invoiceServiceUrl,
		@DefaultValue("5s") Duration invoiceServiceRetryAfter, @DefaultValue("5s") Duration chargeTimeout,
		@DefaultValue("5s") Duration lookupTimeout, @DefaultValue("2s") Duration reconcileEvery,
		@DefaultValue("2s") Duration lookupBackOff, @DefaultValue("5m") Duration lookupMaxBackOff,
		@DefaultValue("25h") Duration idempotencyKeyRetention, @DefaultValue("10m") Duration actionTimeout,
		@DefaultValue("simulated") String processor) {

	/**
	 * How long a request holds its payment: its charge's time plus room to commit the
	 * outcome. Until then a retry with its key is {@code 409}; after, the reconciler
	 * takes the payment over.
	 */
	public PaymentsProperties {
		if (!"simulated".equals(processor) && !"stripe".equals(processor)) {
			throw new IllegalArgumentException(
					"portico.payments.processor must be simulated or stripe, not " + processor);
		}
	}

	public Duration attemptLease() {
		return this.chargeTimeout.plusSeconds(2);
	}

}
