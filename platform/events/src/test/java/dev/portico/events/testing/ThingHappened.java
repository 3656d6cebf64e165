package dev.portico.events.testing;

import java.time.Instant;
import java.util.UUID;

import dev.portico.events.EventType;
import dev.portico.events.PortalEvent;

/** An event that exists only for the platform's own tests. */
@EventType(topic = "portico.test.v1", name = "ThingHappened")
public record ThingHappened(UUID eventId, Instant occurredAt, UUID accountId, int version,
		String what) implements PortalEvent {

	public static ThingHappened of(UUID accountId, String what) {
		return new ThingHappened(UUID.randomUUID(), Instant.now(), accountId, 1, what);
	}

}
