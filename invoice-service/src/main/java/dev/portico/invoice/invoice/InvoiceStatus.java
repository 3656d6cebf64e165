package dev.portico.invoice.invoice;

public enum InvoiceStatus {

	OPEN, PARTIALLY_PAID, PAID, VOID

}
