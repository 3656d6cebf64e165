package dev.portico.events.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import dev.portico.events.EventType;
import dev.portico.events.PortalEvent;

/**
 * A package (subscription) was added to an account.
 *
 * @param recurringCharge charged every billing period from {@code startDate}, in
 * {@code currency}
 */
@EventType(topic = AccountsTopic.NAME, name = "PackageAdded")
public record PackageAdded(UUID eventId, Instant occurredAt, UUID accountId, int version, UUID packageId, String name,
		LocalDate startDate, BigDecimal recurringCharge, String currency) implements PortalEvent {

	public static final int VERSION = 1;

}
