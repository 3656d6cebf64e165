package dev.portico.events.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.portico.events.EventType;
import dev.portico.events.PortalEvent;

/**
 * An invoice was issued to {@code accountId}, the account that pays it. When a parent is
 * invoiced for its children, {@code chargedAccountIds} names every account whose charges
 * are on it (the payer included when it has lines).
 *
 * @param currency ISO 4217 code
 * @param total what the invoice asks for, tax included
 */
@EventType(topic = InvoicesTopic.INVOICES, name = "InvoiceIssued")
public record InvoiceIssued(UUID eventId, Instant occurredAt, UUID accountId, int version, UUID invoiceId,
		String number, LocalDate issueDate, LocalDate dueDate, LocalDate periodStart, LocalDate periodEnd,
		String currency, BigDecimal total, List<UUID> chargedAccountIds) implements PortalEvent {

	public static final int VERSION = 1;

	public InvoiceIssued {
		chargedAccountIds = List.copyOf(chargedAccountIds);
	}

}
