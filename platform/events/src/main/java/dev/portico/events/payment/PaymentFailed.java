package dev.portico.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.portico.events.EventType;
import dev.portico.events.PortalEvent;

/**
 * The processor declined the payment, or reconciliation found it was never charged.
 * Nothing is applied.
 *
 * @param reason the processor's decline code, e.g. {@code card_declined},
 * {@code insufficient_funds}
 */
@EventType(topic = PaymentsTopic.NAME, name = "PaymentFailed")
public record PaymentFailed(UUID eventId, Instant occurredAt, UUID accountId, int version, UUID paymentId,
		BigDecimal amount, String currency, String reason) implements PortalEvent {

	public static final int VERSION = 1;

}
