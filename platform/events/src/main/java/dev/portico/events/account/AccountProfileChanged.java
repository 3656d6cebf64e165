package dev.portico.events.account;

import java.time.Instant;
import java.util.UUID;

import dev.portico.events.EventType;
import dev.portico.events.PortalEvent;

/**
 * An account's contact or billing address changed; both are carried whole, as they are
 * after the change.
 */
@EventType(topic = AccountsTopic.NAME, name = "AccountProfileChanged")
public record AccountProfileChanged(UUID eventId, Instant occurredAt, UUID accountId, int version,
		AccountContact contact, AccountAddress billingAddress) implements PortalEvent {

	public static final int VERSION = 1;

}
