package dev.portico.launcher.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.portico.launcher.Suite;
import dev.portico.launcher.SuiteConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real infra JVM (PostgreSQL, Kafka, mail catcher) started through {@link Suite},
 * without Keycloak or services.
 */
class InfraSuiteTest {

	@TempDir
	static Path workDir;

	static Suite suite;

	@BeforeAll
	static void start() {
		SuiteConfig config = SuiteConfig.forTests(Path.of("..").toAbsolutePath().normalize(), workDir)
			.withServices(List.of())
			.withKeycloak(false);
		suite = Suite.start(config);
	}

	@AfterAll
	static void stop() throws Exception {
		if (suite != null) {
			long pid = Long.parseLong(Files.readString(suite.config().pidFile(Suite.INFRA)).trim());
			suite.close();
			assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
			assertThat(suite.config().pidFile(Suite.INFRA)).doesNotExist();
		}
	}

	@Test
	void everyServiceHasItsOwnDatabaseAndLogin() throws Exception {
		for (String db : List.of("auth", "account", "invoice", "payment", "usage")) {
			try (Connection c = DriverManager.getConnection(suite.jdbcUrl(db), db, db);
					Statement st = c.createStatement()) {
				st.execute("create table if not exists probe(id int primary key)");
				try (ResultSet rs = st.executeQuery("select current_database(), current_user, version()")) {
					assertThat(rs.next()).isTrue();
					assertThat(rs.getString(1)).isEqualTo(db);
					assertThat(rs.getString(2)).isEqualTo(db);
					assertThat(rs.getString(3)).startsWith("PostgreSQL 18");
				}
			}
		}
		assertThat(suite.config().dataDir().resolve("postgres/PG_VERSION")).exists();
	}

	@Test
	void kafkaRoundTrip() {
		String topic = "launcher-test-" + UUID.randomUUID();
		Map<String, Object> common = Map.of("bootstrap.servers", suite.kafkaBootstrapServers());
		Map<String, Object> pp = new java.util.HashMap<>(common);
		pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp)) {
			producer.send(new ProducerRecord<>(topic, "acct-1", "hello")).get();
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
		Map<String, Object> cp = new java.util.HashMap<>(common);
		cp.put(ConsumerConfig.GROUP_ID_CONFIG, "launcher-test");
		cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<ConsumerRecord<String, String>> got = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp)) {
			consumer.subscribe(List.of(topic));
			long deadline = System.currentTimeMillis() + 20_000;
			while (got.isEmpty() && System.currentTimeMillis() < deadline) {
				consumer.poll(Duration.ofMillis(250)).forEach(got::add);
			}
			assertThat(consumer.partitionsFor(topic)).hasSize(3);
		}
		assertThat(got).singleElement().satisfies(r -> {
			assertThat(r.key()).isEqualTo("acct-1");
			assertThat(r.value()).isEqualTo("hello");
		});
	}

	@Test
	void mailCatcherKeepsWhatWasSentAndPurges() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI api = suite.mailApiUrl();
		http.send(HttpRequest.newBuilder(api).DELETE().build(), HttpResponse.BodyHandlers.discarding());
		ServerSetup smtp = new ServerSetup(suite.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		GreenMailUtil.sendTextEmail("e2e-user@portico.test", "no-reply@portico.test", "Your invoice", "Hello there",
				smtp);
		GreenMailUtil.sendTextEmail("bob@portico.test", "no-reply@portico.test", "Second", "Again", smtp);

		HttpResponse<String> res = http.send(HttpRequest.newBuilder(api).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(res.statusCode()).isEqualTo(200);
		assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode list = JsonMapper.builder().build().readTree(res.body());
		assertThat(list.size()).isEqualTo(2);
		JsonNode first = list.get(0);
		assertThat(first.get("from").asString()).isEqualTo("no-reply@portico.test");
		assertThat(first.get("to").asString()).isEqualTo("e2e-user@portico.test");
		assertThat(first.get("subject").asString()).isEqualTo("Your invoice");
		assertThat(first.get("body").asString()).isEqualTo("Hello there");
		assertThat(first.get("receivedAt").asString()).isNotBlank();
		assertThat(list.get(1).get("subject").asString()).isEqualTo("Second");

		HttpResponse<Void> del = http.send(HttpRequest.newBuilder(api).DELETE().build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(del.statusCode()).isEqualTo(204);
		String after = http.send(HttpRequest.newBuilder(api).GET().build(), HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(after).isEqualTo("[]");
	}

	@Test
	void startingAgainLeavesTheRunningInfraAlone() {
		// Idempotent: a second Suite sees the live PID file and the healthy infra, starts
		// nothing, stops nothing.
		long before = suite.config().pidFile(Suite.INFRA).toFile().lastModified();
		try (Suite again = Suite.start(suite.config())) {
			assertThat(again.readySeconds()).isEmpty();
		}
		assertThat(suite.config().pidFile(Suite.INFRA)).exists();
		assertThat(suite.config().pidFile(Suite.INFRA).toFile().lastModified()).isEqualTo(before);
	}

}
