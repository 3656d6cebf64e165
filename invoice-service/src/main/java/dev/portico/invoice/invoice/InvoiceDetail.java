package dev.portico.invoice.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One invoice with its lines and the payments applied to it. */
public record InvoiceDetail(UUID invoiceId, String number, UUID accountId, LocalDate issueDate, LocalDate dueDate,
		LocalDate periodStart, LocalDate periodEnd, String currency, BigDecimal subtotal, BigDecimal taxRate,
		BigDecimal tax, BigDecimal total, BigDecimal amountPaid, BigDecimal balance, InvoiceStatus status,
		BillTo billTo, List<Line> lines, List<Payment> payments) {

	record Line(String description, String product, String chargedAccountNumber, BigDecimal quantity,
			BigDecimal unitPrice, BigDecimal amount) {
	}

	record Payment(UUID paymentId, BigDecimal amount, Instant appliedAt) {
	}

	/** A just-issued invoice: nothing paid on it yet. */
	public static InvoiceDetail issued(Invoice invoice) {
		return of(invoice, List.of());
	}

	static InvoiceDetail of(Invoice invoice, List<AppliedPayment> payments) {
		return new InvoiceDetail(invoice.id(), invoice.number(), invoice.accountId(), invoice.issueDate(),
				invoice.dueDate(), invoice.periodStart(), invoice.periodEnd(), invoice.currency().getCurrencyCode(),
				InvoiceSummary.amount(invoice, invoice.subtotal()), invoice.taxRate(),
				InvoiceSummary.amount(invoice, invoice.tax()), InvoiceSummary.amount(invoice, invoice.total()),
				InvoiceSummary.amount(invoice, invoice.amountPaid()), InvoiceSummary.amount(invoice, invoice.balance()),
				invoice.status(), invoice.billTo(),
				invoice.lines()
					.stream()
					.map((line) -> new Line(line.description(), line.product(), line.chargedAccountNumber(),
							line.quantity(), line.unitPrice(), InvoiceSummary.amount(invoice, line.amount())))
					.toList(),
				payments.stream()
					.map((payment) -> new Payment(payment.paymentId(), InvoiceSummary.amount(invoice, payment.amount()),
							payment.appliedAt()))
					.toList());
	}

}
