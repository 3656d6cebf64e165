package dev.portico.events.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.events.testing.ThingHappened;
import dev.portico.test.WithKafka;
import dev.portico.test.WithPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The suite's consumer error handling on a real broker: an outage is waited out (the
 * record is applied once it is over, nothing set aside, the records after it on the
 * partition follow in order), a poison record and an undeserializable one go to the
 * dead-letter topic as they arrived, a record failing for another reason after a few
 * attempts.
 */
@SpringBootTest(properties = "spring.kafka.consumer.group-id=consumer-errors-test")
@WithPostgres
@WithKafka
class ConsumerErrorsTest {

	static final String TOPIC = "portico.errors.test.v1";

	static final String LISTENER = "consumer-errors-test";

	@Autowired
	private Flaky listener;

	@Autowired
	private KafkaTemplate<String, Object> kafka;

	@Autowired
	private MeterRegistry meters;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	/**
	 * Each consumer of the group holds its partition before a record is sent: a rebalance
	 * in the middle of a record's retries starts them again on the new owner, which would
	 * make the attempts counted here more than the handler's.
	 */
	@BeforeEach
	void unhealedAndSettled() {
		this.listener.healed = false;
		ConcurrentMessageListenerContainer<?, ?> container = (ConcurrentMessageListenerContainer<?, ?>) this.listeners
			.getListenerContainer(LISTENER);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> container.getContainers()
				.stream()
				.allMatch((consumer) -> consumer.getAssignedPartitions() != null
						&& !consumer.getAssignedPartitions().isEmpty()));
	}

	@Test
	void anOutageIsWaitedOutAndTheRecordsAfterItFollowInOrder() {
		UUID account = UUID.randomUUID();
		ThingHappened during = ThingHappened.of(account, "outage 6");
		ThingHappened after = ThingHappened.of(account, "after");
		this.kafka.send(TOPIC, account.toString(), during);
		this.kafka.send(TOPIC, account.toString(), after);

		await().atMost(Duration.ofSeconds(90)).until(() -> this.listener.applied.contains(after.eventId()));
		assertThat(this.listener.attempts.get(during.eventId()).get()).as("five outages, then applied").isEqualTo(6);
		assertThat(this.listener.order).containsSubsequence(during.eventId(), after.eventId());
		assertThat(deadLetters()).noneMatch((letter) -> letter.value().contains(during.eventId().toString()));
	}

	@Test
	void poisonAndUndeserializableRecordsAreSetAsideAsTheyArrivedAndTheRestGoesOn() throws Exception {
		UUID account = UUID.randomUUID();
		ThingHappened poison = ThingHappened.of(account, "poison");
		ThingHappened buggy = ThingHappened.of(account, "bug");
		ThingHappened fine = ThingHappened.of(account, "fine");
		String garbage = "{not json " + UUID.randomUUID();
		this.kafka.send(TOPIC, account.toString(), poison);
		try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers), new StringSerializer(),
				new ByteArraySerializer())) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, account.toString(),
					garbage.getBytes(StandardCharsets.UTF_8));
			record.headers().add("__TypeId__", "ThingHappened".getBytes(StandardCharsets.UTF_8));
			raw.send(record).get();
		}
		this.kafka.send(TOPIC, account.toString(), buggy);
		this.kafka.send(TOPIC, account.toString(), fine);

		await().atMost(Duration.ofSeconds(60)).until(() -> this.listener.applied.contains(fine.eventId()));
		List<ConsumerRecord<String, String>> letters = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			letters.clear();
			letters.addAll(deadLetters());
			assertThat(letters).anyMatch((letter) -> letter.value().contains(poison.eventId().toString()))
				.anyMatch((letter) -> letter.value().equals(garbage))
				.anyMatch((letter) -> letter.value().contains(buggy.eventId().toString()));
		});
		ConsumerRecord<String, String> poisoned = letters.stream()
			.filter((letter) -> letter.value().contains(poison.eventId().toString()))
			.findFirst()
			.orElseThrow();
		assertThat(poisoned.key()).isEqualTo(account.toString());
		assertThat(new String(poisoned.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value())).isEqualTo(TOPIC);
		assertThat(new String(poisoned.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value()))
			.contains("a rule is broken");
		assertThat(this.listener.attempts.get(poison.eventId()).get()).as("not retried").isOne();
		assertThat(this.listener.attempts.get(buggy.eventId()).get()).isEqualTo(ConsumerErrors.OTHER_FAILURE_ATTEMPTS);
		assertThat(this.meters.get("portico.events.dead.letters").tag("topic", TOPIC).counter().count())
			.isGreaterThanOrEqualTo(3);

		// The cause fixed, the replay sends them back as they first arrived, and they are
		// applied.
		this.listener.healed = true;
		assertThat(DeadLetterReplay.replay(this.bootstrapServers, TOPIC + ConsumerErrors.DEAD_LETTER_SUFFIX))
			.isGreaterThanOrEqualTo(3);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.listener.applied.contains(poison.eventId())
					&& this.listener.applied.contains(buggy.eventId()));
		assertThat(DeadLetterReplay.replay(this.bootstrapServers, TOPIC + ConsumerErrors.DEAD_LETTER_SUFFIX))
			.as("what was replayed is not replayed again, only the one that failed once more")
			.isLessThanOrEqualTo(1);
	}

	/** Everything on the dead-letter topic so far, values as text. */
	private List<ConsumerRecord<String, String>> deadLetters() {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"dead-letters-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC + ConsumerErrors.DEAD_LETTER_SUFFIX));
			List<ConsumerRecord<String, String>> letters = new ArrayList<>();
			long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
			while (System.nanoTime() < until) {
				consumer.poll(Duration.ofMillis(300)).forEach(letters::add);
			}
			return letters;
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Flaky.class)
	static class TestApplication {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	/**
	 * Fails as each record's text says: an outage for its first N - 1 attempts, a broken
	 * rule, or a bug.
	 */
	@Component
	static class Flaky {

		final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

		final Set<UUID> applied = ConcurrentHashMap.newKeySet();

		final List<UUID> order = new CopyOnWriteArrayList<>();

		volatile boolean healed;

		@KafkaListener(id = LISTENER, topics = TOPIC)
		void on(ThingHappened event) {
			int attempt = this.attempts.computeIfAbsent(event.eventId(), (id) -> new AtomicInteger()).incrementAndGet();
			if (event.what().startsWith("outage ") && attempt < Integer.parseInt(event.what().substring(7))) {
				throw new DataAccessResourceFailureException("The database is away");
			}
			if (this.healed) {
				this.applied.add(event.eventId());
				this.order.add(event.eventId());
				return;
			}
			if (event.what().equals("poison")) {
				throw new PoisonEvent("a rule is broken");
			}
			if (event.what().equals("bug")) {
				throw new IllegalStateException("a bug");
			}
			this.applied.add(event.eventId());
			this.order.add(event.eventId());
		}

	}

}
