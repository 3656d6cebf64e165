package dev.portico.invoice.invoice;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * No such invoice on this account: the same answer whether it does not exist or belongs
 * to another account.
 */
public class InvoiceNotFound extends PortalException {

	public InvoiceNotFound() {
		super(HttpStatus.NOT_FOUND, "invoice-not-found", "Invoice not found", "No such invoice on this account.");
	}

}
