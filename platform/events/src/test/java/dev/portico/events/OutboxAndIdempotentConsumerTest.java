package dev.portico.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.portico.events.consumer.ProcessedEventRetention;
import dev.portico.events.consumer.ProcessedEvents;
import dev.portico.events.testing.ThingHappened;
import dev.portico.test.WithKafka;
import dev.portico.test.WithPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The outbox and the idempotent consumer on real PostgreSQL and Kafka: what a producer
 * publishes in a committed transaction arrives once, keyed by account, under its stable
 * type name; what it publishes in a rolled-back transaction never leaves; a redelivered
 * event is applied once.
 */
@SpringBootTest(properties = "spring.kafka.consumer.group-id=outbox-test")
@WithPostgres
@WithKafka
class OutboxAndIdempotentConsumerTest {

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Applier applier;

	@Autowired
	private KafkaTemplate<String, Object> kafka;

	@Test
	void committedEventIsSentOnceKeyedByAccountAndTheOutboxIsEmptiedAfterwards() {
		UUID account = UUID.randomUUID();
		ThingHappened event = ThingHappened.of(account, "committed");
		this.transactions.executeWithoutResult((status) -> this.events.publishEvent(event));

		await().atMost(Duration.ofSeconds(20)).until(() -> this.applier.received(event.eventId()) == 1);
		ConsumerRecord<String, ThingHappened> record = this.applier.record(event.eventId());
		assertThat(record.key()).isEqualTo(account.toString());
		assertThat(record.topic()).isEqualTo("portico.test.v1");
		assertThat(new String(record.headers().lastHeader("__TypeId__").value())).isEqualTo("ThingHappened");
		assertThat(record.value()).isEqualTo(event);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM event_publication").query(Integer.class).single() == 0);
	}

	@Test
	void eventOfARolledBackTransactionNeverLeaves() {
		UUID account = UUID.randomUUID();
		ThingHappened rolledBack = ThingHappened.of(account, "rolled back");
		ThingHappened committed = ThingHappened.of(account, "committed after");
		this.transactions.executeWithoutResult((status) -> {
			this.events.publishEvent(rolledBack);
			status.setRollbackOnly();
		});
		this.transactions.executeWithoutResult((status) -> this.events.publishEvent(committed));

		// Same account, same partition, so once the later event is in, the earlier one
		// would have been too.
		await().atMost(Duration.ofSeconds(20)).until(() -> this.applier.received(committed.eventId()) == 1);
		assertThat(this.applier.received(rolledBack.eventId())).isZero();
	}

	@Test
	void redeliveredEventIsAppliedOnce() {
		ThingHappened event = ThingHappened.of(UUID.randomUUID(), "delivered twice");
		this.kafka.send("portico.test.v1", event.accountId().toString(), event);
		this.kafka.send("portico.test.v1", event.accountId().toString(), event);

		await().atMost(Duration.ofSeconds(20)).until(() -> this.applier.received(event.eventId()) == 2);
		Integer applied = this.jdbc.sql("SELECT count(*) FROM applied_thing WHERE event_id = ?")
			.param(event.eventId())
			.query(Integer.class)
			.single();
		assertThat(applied).isEqualTo(1);
	}

	@Test
	void processedEventsOlderThanTheRetentionAreForgottenInBatchesAndNewerOnesKept(
			@Autowired ProcessedEventRetention running) {
		assertThat(running.isRunning()).isTrue();
		String consumer = "retention-" + UUID.randomUUID();
		Instant now = Instant.parse("2026-12-01T12:00:00Z");
		List<UUID> old = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				UUID.randomUUID());
		List<UUID> recent = List.of(UUID.randomUUID(), UUID.randomUUID());
		old.forEach((id) -> processedAt(consumer, id, now.minus(Duration.ofDays(31))));
		recent.forEach((id) -> processedAt(consumer, id, now.minus(Duration.ofDays(29))));
		ProcessedEventRetention retention = new ProcessedEventRetention(this.jdbc,
				new ProcessedEventRetention.RetentionProperties(Duration.ofDays(30), Duration.ofHours(1), 2),
				Clock.fixed(now, ZoneOffset.UTC));

		assertThat(retention.forgetOldRows()).isGreaterThanOrEqualTo(old.size());
		List<UUID> left = this.jdbc.sql("SELECT event_id FROM processed_event WHERE consumer = ?")
			.param(consumer)
			.query(UUID.class)
			.list();
		assertThat(left).containsExactlyInAnyOrderElementsOf(recent);
	}

	@Test
	void aRetentionNotLongerThanTheTopicsIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new ProcessedEventRetention.RetentionProperties(Duration.ofDays(7), Duration.ofHours(1), 100))
			.withMessageContaining("at least 8 days");
	}

	private void processedAt(String consumer, UUID eventId, Instant at) {
		this.jdbc.sql("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, ?)")
			.params(consumer, eventId, Timestamp.from(at))
			.update();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Applier.class)
	static class TestApplication {

	}

	/**
	 * A consumer as services write them: the effect and the processed-event row in one
	 * transaction.
	 */
	@Component
	static class Applier {

		private final List<ConsumerRecord<String, ThingHappened>> records = new CopyOnWriteArrayList<>();

		private final ProcessedEvents processed;

		private final JdbcClient jdbc;

		Applier(ProcessedEvents processed, JdbcClient jdbc) {
			this.processed = processed;
			this.jdbc = jdbc;
			jdbc.sql("CREATE TABLE IF NOT EXISTS applied_thing (event_id UUID NOT NULL, what TEXT NOT NULL)").update();
		}

		@KafkaListener(topics = "portico.test.v1")
		void on(ConsumerRecord<String, ThingHappened> record) {
			ThingHappened event = record.value();
			this.processed.applyOnce("applier", event.eventId(),
					() -> this.jdbc.sql("INSERT INTO applied_thing (event_id, what) VALUES (?, ?)")
						.params(event.eventId(), event.what())
						.update());
			this.records.add(record);
		}

		long received(UUID eventId) {
			return this.records.stream().filter((record) -> record.value().eventId().equals(eventId)).count();
		}

		ConsumerRecord<String, ThingHappened> record(UUID eventId) {
			return this.records.stream()
				.filter((record) -> record.value().eventId().equals(eventId))
				.findFirst()
				.orElseThrow();
		}

	}

}
