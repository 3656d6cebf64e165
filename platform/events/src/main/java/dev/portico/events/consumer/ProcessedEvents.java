package dev.portico.events.consumer;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The idempotent-consumer helper. Consumers hand their effect to {@link #applyOnce}, or
 * call {@link #firstDelivery} inside the transaction that applies the event: the row it
 * inserts commits or rolls back with the effect, so a redelivery after a crash (database
 * committed, offset not) finds the row and applies nothing twice.
 */
public class ProcessedEvents {

	private final JdbcClient jdbc;

	public ProcessedEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Runs {@code effect} in a transaction of its own together with the processed-event
	 * row, the first time {@code consumer} sees {@code eventId}; on a redelivery does
	 * nothing. Returns whether it ran.
	 */
	@Transactional
	public boolean applyOnce(String consumer, UUID eventId, Runnable effect) {
		if (!firstDelivery(consumer, eventId)) {
			return false;
		}
		effect.run();
		return true;
	}

	/**
	 * {@code true} the first time {@code consumer} sees {@code eventId}, {@code false} on
	 * every redelivery.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean firstDelivery(String consumer, UUID eventId) {
		return this.jdbc.sql("""
				INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (:consumer, :eventId, now())
				ON CONFLICT (consumer, event_id) DO NOTHING""")
			.param("consumer", consumer)
			.param("eventId", eventId)
			.update() == 1;
	}

}
