package dev.portico.usage.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One usage record that passed {@link RecordRules}: what an account used of a product,
 * under an identifier (a phone number, a device id), when.
 */
public record UsageRecord(UUID recordId, UUID accountId, String product, String usageIdentifier, BigDecimal quantity,
		Unit unit, Instant occurredAt) {
}
