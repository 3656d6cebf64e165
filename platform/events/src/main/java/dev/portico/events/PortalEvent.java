package dev.portico.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event of the suite carries. {@code accountId} is the Kafka key, so one
 * account's events stay in order on one partition; {@code eventId} is what consumers
 * deduplicate on.
 */
public interface PortalEvent {

	UUID eventId();

	Instant occurredAt();

	UUID accountId();

	/** Schema version of the record; a consumer may reject versions it does not know. */
	int version();

}
