package dev.portico.events.account;

import java.time.Instant;
import java.util.UUID;

import dev.portico.events.EventType;
import dev.portico.events.PortalEvent;

/**
 * An account was opened, as a root ({@code parentId} {@code null}) or below a parent.
 *
 * @param currency ISO 4217 code
 * @param billDay day of the month, 1 to 28, on which its billing periods start
 */
@EventType(topic = AccountsTopic.NAME, name = "AccountOpened")
public record AccountOpened(UUID eventId, Instant occurredAt, UUID accountId, int version, String accountNumber,
		String name, String currency, int billDay, UUID parentId, boolean invoicedByParent,
		AccountFeatures features) implements PortalEvent {

	public static final int VERSION = 1;

}
