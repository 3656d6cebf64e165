package dev.portico.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.portico.events.EventType;
import dev.portico.events.PortalEvent;

/**
 * The processor gave back part or all of a succeeded payment: invoice-service takes it
 * back from the payment's unspent credit first, then from the invoices the payment paid,
 * the latest first, which open again.
 *
 * @param refundId payment-service's id of the refund; each refund is announced once
 * @param amount what was given back, in {@code currency} (ISO 4217), at most what the
 * payment took in all its refunds
 */
@EventType(topic = PaymentsTopic.NAME, name = "PaymentRefunded")
public record PaymentRefunded(UUID eventId, Instant occurredAt, UUID accountId, int version, UUID paymentId,
		UUID refundId, BigDecimal amount, String currency) implements PortalEvent {

	public static final int VERSION = 1;

}
