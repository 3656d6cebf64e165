package dev.portico.invoice.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A payment, or the part of it, applied to an invoice. */
record AppliedPayment(UUID paymentId, BigDecimal amount, Instant appliedAt) {
}
