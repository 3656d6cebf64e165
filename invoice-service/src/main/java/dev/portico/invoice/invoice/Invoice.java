package dev.portico.invoice.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * An issued invoice. Amounts are in {@code currency}; {@code balance} is what is still
 * owed on it. Issued invoices never change except for what is paid on them
 * ({@code amountPaid}, {@code balance}, {@code status}, {@code revision}).
 */
public record Invoice(UUID id, String number, UUID accountId, LocalDate issueDate, LocalDate dueDate,
		LocalDate periodStart, LocalDate periodEnd, Currency currency, BigDecimal subtotal, BigDecimal taxRate,
		BigDecimal tax, BigDecimal total, BigDecimal amountPaid, BigDecimal balance, InvoiceStatus status,
		BillTo billTo, Instant issuedAt, int revision, List<InvoiceLine> lines) {

	public Invoice {
		lines = List.copyOf(lines);
	}

	/** The draft with the number it is issued under. */
	public Invoice numbered(String number) {
		return new Invoice(this.id, number, this.accountId, this.issueDate, this.dueDate, this.periodStart,
				this.periodEnd, this.currency, this.subtotal, this.taxRate, this.tax, this.total, this.amountPaid,
				this.balance, this.status, this.billTo, this.issuedAt, this.revision, this.lines);
	}

	Invoice withLines(List<InvoiceLine> lines) {
		return new Invoice(this.id, this.number, this.accountId, this.issueDate, this.dueDate, this.periodStart,
				this.periodEnd, this.currency, this.subtotal, this.taxRate, this.tax, this.total, this.amountPaid,
				this.balance, this.status, this.billTo, this.issuedAt, this.revision, lines);
	}

}
