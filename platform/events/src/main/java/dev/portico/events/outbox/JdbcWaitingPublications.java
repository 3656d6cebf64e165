package dev.portico.events.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.portico.events.EventTypes;
import dev.portico.events.PortalEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.util.ClassUtils;

/**
 * The waiting publications of Spring Modulith's JDBC registry (its table without status
 * columns), resent as the externalization sends them (topic of the event type, keyed by
 * account) and completed as it completes them (the row deleted: completion-mode delete),
 * once Kafka acknowledged the send. Only publications of our events are read; they have
 * no other listener than the externalization.
 */
class JdbcWaitingPublications implements OutboxResubmitter.WaitingPublications {

	private static final Logger log = LoggerFactory.getLogger(JdbcWaitingPublications.class);

	private final ObjectProvider<JdbcClient> jdbc;

	private final ObjectProvider<EventSerializer> serializer;

	private final ObjectProvider<KafkaOperations<?, ?>> kafka;

	JdbcWaitingPublications(ObjectProvider<JdbcClient> jdbc, ObjectProvider<EventSerializer> serializer,
			ObjectProvider<KafkaOperations<?, ?>> kafka) {
		this.jdbc = jdbc;
		this.serializer = serializer;
		this.kafka = kafka;
	}

	@Override
	public List<Waiting> oldest(Instant before, int limit) {
		JdbcClient jdbc = this.jdbc.getIfAvailable();
		if (jdbc == null || this.kafka.getIfAvailable() == null || this.serializer.getIfAvailable() == null) {
			// A service without an outbox.
			return List.of();
		}
		return jdbc.sql("""
				SELECT id, publication_date, event_type, serialized_event FROM event_publication
				WHERE completion_date IS NULL AND publication_date < :before AND event_type LIKE 'dev.portico.events.%'
				ORDER BY publication_date LIMIT :limit""")
			.param("before", Timestamp.from(before))
			.param("limit", limit)
			.query((rs, row) -> new Waiting(rs.getObject("id", UUID.class),
					rs.getTimestamp("publication_date").toInstant(), rs.getString("event_type"),
					rs.getString("serialized_event")))
			.list();
	}

	@Override
	public void resend(Waiting publication) {
		PortalEvent event = event(publication);
		if (event == null) {
			return;
		}
		@SuppressWarnings("unchecked")
		KafkaOperations<Object, Object> kafka = (KafkaOperations<Object, Object>) this.kafka.getObject();
		kafka.send(EventTypes.topicOf(event), event.accountId().toString(), event).whenComplete((result, ex) -> {
			if (ex == null) {
				this.jdbc.getObject()
					.sql("DELETE FROM event_publication WHERE id = :id")
					.param("id", publication.id())
					.update();
			}
		});
	}

	private PortalEvent event(Waiting publication) {
		try {
			Class<?> type = ClassUtils.forName(publication.eventType(), getClass().getClassLoader());
			return (PortalEvent) this.serializer.getObject().deserialize(publication.serializedEvent(), type);
		}
		catch (ClassNotFoundException | LinkageError | ClassCastException ex) {
			// An event type this version no longer has: left in the outbox for an
			// operator to look at.
			log.error("Publication {} of unknown event type {} left in the outbox", publication.id(),
					publication.eventType());
			return null;
		}
	}

}
