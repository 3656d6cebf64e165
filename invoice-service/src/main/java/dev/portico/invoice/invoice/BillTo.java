package dev.portico.invoice.invoice;

import java.util.List;

/** Who an invoice is addressed to, as on the day it was issued. */
public record BillTo(String name, String accountNumber, String contactName, String email, List<String> addressLines) {

	public BillTo {
		addressLines = List.copyOf(addressLines);
	}

}
