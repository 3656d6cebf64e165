package dev.portico.events.invoice;

/**
 * The topics invoice-service publishes on: invoices as they are issued, and account
 * balances as they move.
 */
public final class InvoicesTopic {

	public static final String INVOICES = "invoices.v1";

	public static final String BALANCES = "balances.v1";

	private InvoicesTopic() {
	}

}
