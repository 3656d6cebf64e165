package dev.portico.test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every servlet service promises, checked on real PostgreSQL and Kafka: it starts,
 * Flyway has migrated its database (the platform's outbox tables included), it reports
 * ready, exposes metrics and its API document, refuses API calls without a token with a
 * {@code 401} problem and answers unknown paths with a {@code 404} problem, and its API
 * document is the one checked in under {@code docs/openapi/}. A service's context test
 * extends this class and adds its own checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPostgres
@WithKafka
public abstract class ServiceContractTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private Environment environment;

	@Autowired
	private DataSource dataSource;

	protected HttpResponse<String> get(String path, String... headers) {
		return LocalServer.of(this.environment).get(path, headers);
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	@Test
	void flywayMigratedTheOutboxTables() {
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		Integer tables = jdbc.sql("""
				SELECT count(*) FROM information_schema.tables
				WHERE table_name IN ('event_publication', 'processed_event', 'flyway_schema_history')""")
			.query(Integer.class)
			.single();
		assertThat(tables).isEqualTo(3);
	}

	@Test
	void reportsLiveAndReady() throws Exception {
		assertThat(json(get("/actuator/health/readiness")).path("status").asString()).isEqualTo("UP");
		assertThat(json(get("/actuator/health/liveness")).path("status").asString()).isEqualTo("UP");
	}

	@Test
	void exposesPrometheusMetricsAndNoOtherActuatorEndpoint() throws Exception {
		HttpResponse<String> metrics = get("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
		assertThat(get("/actuator/env").statusCode()).isIn(401, 404);
		assertThat(get("/actuator/beans").statusCode()).isIn(401, 404);
	}

	/**
	 * The service publishes an OpenAPI 3 document, and it is the one in
	 * {@code docs/openapi/}, so that a change to the API shows in review and client
	 * developers can read the contract without running the suite.
	 * {@code -Dportico.openapi.write=true} writes the served one there instead.
	 */
	@Test
	void publishesTheOpenApiDocumentCheckedIn() throws Exception {
		HttpResponse<String> docs = get("/v3/api-docs");
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(json(docs).path("openapi").asString()).startsWith("3.");
		String service = this.environment.getRequiredProperty("spring.application.name");
		String served = CheckedInOpenApi.canonical(json(docs));
		Path file = CheckedInOpenApi.file(service);
		if (Boolean.getBoolean("portico.openapi.write")) {
			Files.createDirectories(file.getParent());
			Files.writeString(file, served);
		}
		assertThat(file).as("the checked-in API document of %s", service).exists();
		assertThat(Files.readString(file))
			.as("%s differs from what %s serves; run ./mvnw -pl %s verify -Dportico.openapi.write=true and review the"
					+ " change", file, service, service)
			.isEqualTo(served);
	}

	@Test
	void apiWithoutTokenIsAnUnauthenticatedProblem() throws Exception {
		HttpResponse<String> response = get("/api/accounts/00000000-0000-0000-0000-000000000001/overview");
		ProblemAssertions.assertProblem(response, 401, "unauthenticated");
		assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
	}

	@Test
	void echoesASaneRequestIdAndReplacesAHostileOne() throws Exception {
		assertThat(get("/actuator/health", "X-Request-Id", "abc-123").headers().firstValue("X-Request-Id"))
			.hasValue("abc-123");
		String replaced = get("/actuator/health", "X-Request-Id", "bad id with spaces").headers()
			.firstValue("X-Request-Id")
			.orElseThrow();
		assertThat(replaced).doesNotContain(" ").hasSize(36);
	}

	/** Where the checked-in documents live, and the one form they are written in. */
	static final class CheckedInOpenApi {

		private static final JsonMapper SORTED = JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
			.build();

		private CheckedInOpenApi() {
		}

		/**
		 * Without the server address, which names this test's random port; keys sorted,
		 * indented, one final newline.
		 */
		static String canonical(JsonNode document) {
			ObjectNode copy = (ObjectNode) document.deepCopy();
			copy.remove("servers");
			Object tree = SORTED.treeToValue(copy, Object.class);
			return SORTED.writeValueAsString(tree).replace("\r\n", "\n") + "\n";
		}

		/**
		 * {@code docs/openapi/<service>.json} of the repository the test runs in (found
		 * from the module's directory).
		 */
		static Path file(String service) throws IOException {
			Path dir = Path.of("").toAbsolutePath();
			while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
				dir = dir.getParent();
			}
			if (dir == null) {
				throw new IOException(
						"No repository root (a directory with mvnw) above " + Path.of("").toAbsolutePath());
			}
			return dir.resolve("docs").resolve("openapi").resolve(service + ".json");
		}

	}

}
