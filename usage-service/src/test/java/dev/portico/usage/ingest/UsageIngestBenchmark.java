package dev.portico.usage.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.portico.usage.testing.UsageApiTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ingestion through Kafka at volume: {@code records} (default 1,000,000) usage records of
 * 200 accounts, 20 identifiers and 3 products each, spread over the last 30 days, are put
 * on {@code usage.records.v1} while the service's listeners are stopped; then the
 * listeners start and the clock runs until every record is stored (raw row and daily and
 * period totals, one statement per batch) on the embedded PostgreSQL of this machine.
 * Producing first keeps the producer's CPU out of the figure, as a mediation system would
 * run elsewhere.
 * <p>
 * Not a test: Surefire runs {@code *Test} only. Run it with
 * {@code usage-service/bench/usage-ingest.sh}; results go to
 * {@code usage-service/target/usage-ingest-benchmark.txt}.
 */
class UsageIngestBenchmark extends UsageApiTest {

	private static final String[] PRODUCTS = { "Mobile data", "Voice", "SMS" };

	private static final String[] UNITS = { "MB", "min", "SMS" };

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Autowired
	private MeterRegistry meters;

	@Test
	void run() throws Exception {
		int records = Integer.getInteger("records", 1_000_000);
		UUID[] accounts = accounts();
		this.listeners.stop();
		long producing = System.nanoTime();
		produce(accounts, records);
		double produceSeconds = (System.nanoTime() - producing) / 1e9;

		double before = stored();
		long start = System.nanoTime();
		this.listeners.start();
		long[] marks = new long[5];
		while (stored() - before < records) {
			double done = (stored() - before) / records;
			for (int i = 0; i < marks.length; i++) {
				if (marks[i] == 0 && done >= (i + 1) / 5.0) {
					marks[i] = System.nanoTime();
				}
			}
			assertThat(rejected()).as("records set aside").isZero();
			assertThat(System.nanoTime() - start).as("all stored within 10 minutes").isLessThan(600_000_000_000L);
			Thread.sleep(50);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double steady = (marks[3] - marks[0]) / 1e9;
		String report = """
				Produced %,d records in %.1f s (listeners stopped)
				Stored %,d records in %.1f s from the listeners' start = %,.0f records/s (goal >= 20,000/s)
				Steady state, from 20 %% to 80 %% stored: %,.0f records/s
				""".formatted(records, produceSeconds, records, seconds, records / seconds, records * 0.6 / steady);
		System.out.print(report);
		Files.writeString(Path.of("target", "usage-ingest-benchmark.txt"), report);
	}

	private double stored() {
		return kafkaRecords("accepted");
	}

	private double rejected() {
		return kafkaRecords("rejected");
	}

	/** The service's own count of Kafka records with this outcome. */
	private double kafkaRecords(String outcome) {
		Counter counter = this.meters.find("portico.usage.records")
			.tags("source", "kafka", "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Accounts usage-service knows, as in steady state, so that their records go to the
	 * period totals too.
	 */
	private UUID[] accounts() {
		UUID[] accounts = new UUID[200];
		for (int i = 0; i < accounts.length; i++) {
			accounts[i] = unannounced(null);
			announce(accounts[i], null, 1 + i % 28);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(accounts).allMatch(this::known));
		return accounts;
	}

	private void produce(UUID[] accounts, int records) throws IOException {
		// The service's clock is the test's, fixed: the records are of the 30 days before
		// it.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
				ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			CompletableFuture<?> last = null;
			for (int i = 0; i < records; i++) {
				UUID account = accounts[i % accounts.length];
				int product = (i / accounts.length) % PRODUCTS.length;
				String value = """
						{"recordId":"%s","accountId":"%s","product":"%s","usageIdentifier":"+1206555%04d",\
						"quantity":"%d.%03d","unit":"%s","occurredAt":"%s"}""".formatted(UUID.randomUUID(), account,
						PRODUCTS[product], (i / 600) % 20, i % 50, i % 1000, UNITS[product],
						now.minusSeconds((i * 7919L) % (30L * 86_400)));
				CompletableFuture<Void> sent = new CompletableFuture<>();
				producer.send(new ProducerRecord<>("usage.records.v1", account.toString(), value), (metadata, ex) -> {
					if (ex != null) {
						sent.completeExceptionally(ex);
					}
					else {
						sent.complete(null);
					}
				});
				last = sent;
			}
			producer.flush();
			last.join();
		}
	}

}
