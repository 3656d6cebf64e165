package dev.portico.invoice.issue;

import java.net.URI;

import dev.portico.invoice.invoice.Invoice;
import dev.portico.invoice.invoice.InvoiceDetail;
import dev.portico.platform.security.OpsOnly;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
class IssueController {

	private final InvoiceIssuer issuer;

	IssueController(InvoiceIssuer issuer) {
		this.issuer = issuer;
	}

	@OpsOnly
	@Operation(summary = "Issue an invoice (ops)",
			description = "A child account's charges go on the invoice of the ancestor that pays for it; each "
					+ "line names " + "the account charged. Sums left out are computed, sums sent must agree.")
	@PostMapping("/api/invoices")
	ResponseEntity<InvoiceDetail> issue(@Valid @RequestBody IssueInvoiceRequest request) {
		Invoice invoice = this.issuer.issue(request);
		URI location = UriComponentsBuilder.fromPath("/api/accounts/{accountId}/invoices/{invoiceId}")
			.buildAndExpand(invoice.accountId(), invoice.id())
			.toUri();
		return ResponseEntity.created(location).body(InvoiceDetail.issued(invoice));
	}

}
