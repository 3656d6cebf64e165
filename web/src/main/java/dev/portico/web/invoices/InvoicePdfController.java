package dev.portico.web.invoices;

import java.util.UUID;

import dev.portico.web.api.InvoicesApi;
import dev.portico.web.session.Viewer;
import dev.portico.web.support.Downloads;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Invoice PDFs for the browser, which has no token of its own: fetched from the API with
 * the user's token and passed on with the API's file name.
 */
@Controller
class InvoicePdfController {

	private final InvoicesApi invoices;

	InvoicePdfController(InvoicesApi invoices) {
		this.invoices = invoices;
	}

	@GetMapping("/invoices/{invoiceId}/pdf")
	ResponseEntity<byte[]> pdf(@ModelAttribute("viewer") Viewer viewer, @PathVariable UUID invoiceId) {
		return Downloads.passOn(this.invoices.pdf(viewer.accountId(), invoiceId), MediaType.APPLICATION_PDF);
	}

}
