package dev.portico.invoice.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import dev.portico.platform.money.Money;

/**
 * A row of the invoice list. Amounts carry the currency's minor digits
 * ({@code "125.40"}).
 */
record InvoiceSummary(UUID invoiceId, String number, LocalDate issueDate, LocalDate dueDate, LocalDate periodStart,
		LocalDate periodEnd, String currency, BigDecimal total, BigDecimal amountPaid, BigDecimal balance,
		InvoiceStatus status) {

	static InvoiceSummary of(Invoice invoice) {
		return new InvoiceSummary(invoice.id(), invoice.number(), invoice.issueDate(), invoice.dueDate(),
				invoice.periodStart(), invoice.periodEnd(), invoice.currency().getCurrencyCode(),
				amount(invoice, invoice.total()), amount(invoice, invoice.amountPaid()),
				amount(invoice, invoice.balance()), invoice.status());
	}

	static BigDecimal amount(Invoice invoice, BigDecimal amount) {
		return new Money(amount, invoice.currency()).amount();
	}

}
