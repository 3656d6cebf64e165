package dev.portico.events.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.portico.events.EventType;
import dev.portico.events.PortalEvent;

/**
 * (Part of) a payment was applied to invoices: when it arrives, and again whenever credit
 * left over from it pays a later invoice. {@code allocations} are this application's
 * only; {@code creditLeft} is what of the payment is still unapplied afterwards.
 */
@EventType(topic = InvoicesTopic.INVOICES, name = "PaymentAllocated")
public record PaymentAllocated(UUID eventId, Instant occurredAt, UUID accountId, int version, UUID paymentId,
		String currency, List<Allocation> allocations, BigDecimal creditLeft) implements PortalEvent {

	public static final int VERSION = 1;

	public PaymentAllocated {
		allocations = List.copyOf(allocations);
	}

	public record Allocation(UUID invoiceId, String invoiceNumber, BigDecimal amount) {
	}

}
