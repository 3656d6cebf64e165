package dev.portico.usage.ingest;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.usage.testing.UsageApiTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Usage from {@code usage.records.v1} on a real broker: valid records stored in batches,
 * bad ones set aside on the dead-letter topic with the reason, neither holding up the
 * other, a repeated record counted once.
 */
class KafkaIngestionTest extends UsageApiTest {

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	private DefaultKafkaProducerFactory<String, String> producers;

	private KafkaTemplate<String, String> producer;

	@BeforeEach
	void rawProducer() {
		// Text as a mediation system would send it, not through the application's JSON
		// serializer.
		this.producers = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers), new StringSerializer(),
				new StringSerializer());
		this.producer = new KafkaTemplate<>(this.producers);
	}

	@AfterEach
	void closeProducer() {
		this.producers.destroy();
	}

	@Test
	void badRecordsGoToTheDeadLetterTopicWithTheReasonAndTheGoodOnesAroundThemAreStored() {
		UUID account = UUID.randomUUID();
		String key = account.toString();
		String first = json(account, UUID.randomUUID(), "Mobile data", "1.5", "GB", "2026-11-20T08:00:00Z");
		send(key, first);
		send(key, "{\"recordId\": ");
		String negative = json(account, UUID.randomUUID(), "Mobile data", "-3", "GB", "2026-11-20T08:00:00Z");
		send(key, negative);
		send(key, json(account, UUID.randomUUID(), "Mobile data", "2.25", "GB", "2026-11-20T09:00:00Z"));
		send(key, first);
		String last = json(account, UUID.randomUUID(), "Voice", "3", "min", "2026-11-21T09:00:00Z");
		send(key, last);

		await().atMost(Duration.ofSeconds(20)).until(() -> total(account, "Voice") != null);
		assertThat(total(account, "Mobile data")).as("1.5 + 2.25, the repeated record once")
			.isEqualByComparingTo("3.75");
		assertThat(count("SELECT count(*) FROM usage_record WHERE account_id = ?", account)).isEqualTo(3);

		List<ConsumerRecord<String, String>> letters = deadLetters(key, 2);
		assertThat(letters).extracting(ConsumerRecord::value).containsExactly("{\"recordId\": ", negative);
		assertThat(header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("not a usage record");
		assertThat(header(letters.get(1), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
			.isEqualTo("quantity must not be negative");
		assertThat(header(letters.get(1), KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("usage.records.v1");
		assertThat(ByteBuffer.wrap(letters.get(1).headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value())
			.getLong()).isNotNegative();
		assertThat(this.ops.get("/actuator/prometheus").body()).containsPattern(
				"portico_usage_records_total\\{application=\"usage-service\",outcome=\"rejected\",source=\"kafka\"} [1-9]")
			.containsPattern(
					"portico_usage_records_total\\{application=\"usage-service\",outcome=\"duplicate\",source=\"kafka\"} [1-9]");
	}

	@Test
	void recordsSentAsObjectsByTheJsonSerializerAreReadToo() {
		UUID account = UUID.randomUUID();
		Map<String, Object> record = record(account, "SMS", "+12065550100", "0", "SMS", "2026-11-20T08:00:00Z");
		record.put("quantity", new BigDecimal("4"));
		// A field usage-service does not know yet is no reason to set a record aside.
		record.put("cellId", "SEA-0042");

		this.kafka.send(UsageRecordTopics.RECORDS, account.toString(), record).join();

		await().atMost(Duration.ofSeconds(20)).until(() -> total(account, "SMS") != null);
		assertThat(total(account, "SMS")).isEqualByComparingTo("4");
	}

	@Test
	void hundredsOfRecordsFromTheTopicAreAllStoredOnce() {
		UUID account = UUID.randomUUID();
		for (int i = 0; i < 500; i++) {
			this.producer.send(UsageRecordTopics.RECORDS, account.toString(),
					json(account, UUID.randomUUID(), "Mobile data", "0.01", "GB", "2026-11-20T08:00:00Z"));
		}
		this.producer.flush();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("SELECT count(*) FROM usage_record WHERE account_id = ?", account) == 500);
		assertThat(total(account, "Mobile data")).isEqualByComparingTo("5");
	}

	private void send(String key, String value) {
		this.producer.send(UsageRecordTopics.RECORDS, key, value).join();
	}

	/** Null until the account has usage of the product. */
	private BigDecimal total(UUID account, String product) {
		return this.jdbc.sql("SELECT sum(total) FROM usage_daily WHERE account_id = ? AND product = ?")
			.params(account, product)
			.query(BigDecimal.class)
			.list()
			.get(0);
	}

	/**
	 * The dead letters with this key, in order, once there are {@code expected} of them.
	 */
	private List<ConsumerRecord<String, String>> deadLetters(String key, int expected) {
		List<ConsumerRecord<String, String>> letters = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"dead-letter-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(UsageRecordTopics.DEAD_LETTERS));
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((letter) -> {
					if (key.equals(letter.key())) {
						letters.add(letter);
					}
				});
				return letters.size() >= expected;
			});
		}
		return letters;
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static String json(UUID account, Object recordId, String product, String quantity, String unit,
			String occurredAt) {
		return "{\"recordId\":\"" + recordId + "\",\"accountId\":\"" + account + "\",\"product\":\"" + product
				+ "\",\"usageIdentifier\":\"+12065550100\",\"quantity\":\"" + quantity + "\",\"unit\":\"" + unit
				+ "\",\"occurredAt\":\"" + occurredAt + "\"}";
	}

}
