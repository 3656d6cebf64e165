package dev.portico.web.api;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** The Invoices area of API.md. */
@HttpExchange("/api/accounts/{accountId}/invoices")
public interface InvoicesApi {

	@GetExchange(url = "/{invoiceId}/pdf", accept = "application/pdf")
	ResponseEntity<byte[]> pdf(@PathVariable UUID accountId, @PathVariable UUID invoiceId);

}
