package dev.portico.invoice.invoice;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One charge on an invoice; {@code chargedAccountId} is the account it was for, a child
 * when a parent pays.
 */
public record InvoiceLine(String description, String product, UUID chargedAccountId, String chargedAccountNumber,
		BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
}
