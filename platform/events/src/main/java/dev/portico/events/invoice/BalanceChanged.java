package dev.portico.events.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.portico.events.EventType;
import dev.portico.events.PortalEvent;

/**
 * An account's balance moved. Carries the new totals and, for each invoice whose open
 * balance changed with it, that invoice's new open balance and due date, so that a
 * consumer can tell at any later date how much is due without asking invoice-service.
 * {@code sequence} grows with every change of the account: a consumer keeps the highest
 * it applied and ignores anything older, so a resent event never rolls a balance back.
 *
 * @param balance everything owed on issued invoices less unapplied {@code credit}
 * @param credit money received and not yet applied to an invoice, never negative
 * @param cause what moved it, e.g. {@code invoice-issued} or {@code payment-applied}
 * @param causedAt when that cause happened (for a payment: when it was charged), so a
 * consumer can tell how long the change took to reach it; {@code null} in events
 * published before it was added
 */
@EventType(topic = InvoicesTopic.BALANCES, name = "BalanceChanged")
public record BalanceChanged(UUID eventId, Instant occurredAt, UUID accountId, int version, long sequence,
		String currency, BigDecimal balance, BigDecimal credit, List<OpenInvoice> changedInvoices, String cause,
		Instant causedAt) implements PortalEvent {

	public static final int VERSION = 1;

	public static final String INVOICE_ISSUED = "invoice-issued";

	public static final String PAYMENT_APPLIED = "payment-applied";

	/**
	 * A refund of a payment opened the invoices it had paid again, or took back its
	 * credit.
	 */
	public static final String PAYMENT_REFUNDED = "payment-refunded";

	public BalanceChanged {
		changedInvoices = List.copyOf(changedInvoices);
	}

	/** An invoice's open balance after the change; zero once it is paid or voided. */
	public record OpenInvoice(UUID invoiceId, LocalDate dueDate, BigDecimal balance) {
	}

}
