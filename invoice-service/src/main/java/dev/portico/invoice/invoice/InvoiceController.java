package dev.portico.invoice.invoice;

import java.util.List;
import java.util.UUID;

import dev.portico.platform.web.ResultPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's invoices. Access to the account is checked by the platform before these
 * handlers run.
 */
@RestController
class InvoiceController {

	static final int MAX_PAGE_SIZE = 200;

	private final InvoiceRepository invoices;

	InvoiceController(InvoiceRepository invoices) {
		this.invoices = invoices;
	}

	@Operation(summary = "List an account's invoices",
			description = "Open invoices (balance above zero) by default, oldest due first; paid or all on request, "
					+ "newest first unless sorted otherwise. Equal keys are ordered by number.")
	@GetMapping("/api/accounts/{accountId}/invoices")
	ResultPage<InvoiceSummary> list(@PathVariable UUID accountId,
			@Parameter(description = "open (default), paid or all") @RequestParam(required = false) String status,
			@Parameter(description = "number, issueDate, dueDate, total or balance, optionally ,asc or ,desc",
					example = "dueDate,asc") @RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "0") @Min(0) @Max(Integer.MAX_VALUE / MAX_PAGE_SIZE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
		InvoiceListing listing = InvoiceListing.of(status, sort);
		long total = this.invoices.count(accountId, listing);
		// Past the last page there is nothing to read; the totals still tell the client
		// where the end is.
		List<InvoiceSummary> content = ((long) page * size < total) ? this.invoices.list(accountId, listing, page, size)
				: List.of();
		return ResultPage.of(content, page, size, total);
	}

	@Operation(summary = "One invoice with its lines and the payments applied to it")
	@GetMapping("/api/accounts/{accountId}/invoices/{invoiceId}")
	InvoiceDetail invoice(@PathVariable UUID accountId, @PathVariable UUID invoiceId) {
		Invoice invoice = this.invoices.find(accountId, invoiceId).orElseThrow(InvoiceNotFound::new);
		return InvoiceDetail.of(invoice, this.invoices.payments(invoiceId));
	}

}
