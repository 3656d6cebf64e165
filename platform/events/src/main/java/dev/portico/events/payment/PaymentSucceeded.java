package dev.portico.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.portico.events.EventType;
import dev.portico.events.PortalEvent;

/**
 * The processor took the money: invoice-service applies it to {@code accountId}'s
 * invoices, {@code invoiceId} first when the customer chose one, then the oldest open
 * ones, the rest as credit.
 *
 * @param amount what was charged, in {@code currency} (ISO 4217)
 * @param invoiceId the invoice the customer chose to pay, or {@code null}
 */
@EventType(topic = PaymentsTopic.NAME, name = "PaymentSucceeded")
public record PaymentSucceeded(UUID eventId, Instant occurredAt, UUID accountId, int version, UUID paymentId,
		BigDecimal amount, String currency, UUID invoiceId) implements PortalEvent {

	public static final int VERSION = 1;

}
