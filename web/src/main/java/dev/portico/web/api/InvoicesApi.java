package dev.portico.web.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** The Invoices area of docs/api.md. */
@HttpExchange("/api/accounts/{accountId}/invoices")
public interface InvoicesApi {

	@GetExchange
	InvoicePage list(@PathVariable UUID accountId, @RequestParam String status, @RequestParam String sort,
			@RequestParam int page, @RequestParam int size);

	@GetExchange("/{invoiceId}")
	Invoice invoice(@PathVariable UUID accountId, @PathVariable UUID invoiceId);

	@GetExchange(url = "/{invoiceId}/pdf", accept = "application/pdf")
	ResponseEntity<byte[]> pdf(@PathVariable UUID accountId, @PathVariable UUID invoiceId);

	record InvoicePage(List<Invoice> content, PageInfo page) {
	}

	record Invoice(UUID invoiceId, String number, LocalDate issueDate, LocalDate dueDate, LocalDate periodStart,
			LocalDate periodEnd, String currency, BigDecimal total, BigDecimal amountPaid, BigDecimal balance,
			String status) {
	}

	record PageInfo(int number, int size, long totalElements, int totalPages) {
	}

}
