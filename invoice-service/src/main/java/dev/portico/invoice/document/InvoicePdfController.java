package dev.portico.invoice.document;

import java.util.UUID;

import dev.portico.invoice.invoice.Invoice;
import dev.portico.invoice.invoice.InvoiceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invoice PDFs. Cached by clients as private (an invoice is personal data) and
 * revalidated on every use: the document is fixed at issue except for the amounts paid,
 * so a revalidation is a {@code 304} until a payment lands.
 */
@RestController
class InvoicePdfController {

	private static final CacheControl CACHE = CacheControl.noCache().cachePrivate();

	private final InvoiceDocuments documents;

	InvoicePdfController(InvoiceDocuments documents) {
		this.documents = documents;
	}

	@Operation(summary = "An invoice as a printable PDF",
			responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/pdf")))
	@GetMapping(path = "/api/accounts/{accountId}/invoices/{invoiceId}/pdf")
	ResponseEntity<byte[]> pdf(@PathVariable UUID accountId, @PathVariable UUID invoiceId,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return respond(accountId, invoiceId, ifNoneMatch);
	}

	@Operation(summary = "The latest issued invoice as a PDF; 404 when there is none",
			responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/pdf")))
	@GetMapping(path = "/api/accounts/{accountId}/invoices/latest/pdf")
	ResponseEntity<byte[]> latestPdf(@PathVariable UUID accountId,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		UUID invoiceId = this.documents.latestId(accountId).orElseThrow(InvoiceNotFound::new);
		return respond(accountId, invoiceId, ifNoneMatch);
	}

	private ResponseEntity<byte[]> respond(UUID accountId, UUID invoiceId, String ifNoneMatch) {
		Invoice invoice = this.documents.header(accountId, invoiceId).orElseThrow(InvoiceNotFound::new);
		String tag = this.documents.entityTag(invoice);
		if (matches(ifNoneMatch, tag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).cacheControl(CACHE).build();
		}
		byte[] pdf = this.documents.render(accountId, invoiceId).orElseThrow(InvoiceNotFound::new);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.eTag(tag)
			.cacheControl(CACHE)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(invoice.number() + ".pdf").build().toString())
			.body(pdf);
	}

	/**
	 * {@code If-None-Match} may list several tags or be {@code *}; weak comparison, as
	 * RFC 9110 asks for it.
	 */
	private static boolean matches(String ifNoneMatch, String tag) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String candidate : ifNoneMatch.split(",")) {
			String trimmed = candidate.trim();
			if (trimmed.equals("*") || trimmed.equals(tag) || trimmed.equals("W/" + tag)) {
				return true;
			}
		}
		return false;
	}

}
