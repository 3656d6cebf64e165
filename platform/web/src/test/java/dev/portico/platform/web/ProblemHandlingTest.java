package dev.portico.platform.web;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import dev.portico.test.LocalServer;
import dev.portico.test.ProblemAssertions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error class a client can provoke, on a real Tomcat, answered as an RFC 9457
 * problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProblemHandlingTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private Environment environment;

	@Test
	void malformedJsonIsABadRequest() throws Exception {
		HttpResponse<String> response = post("/things", "{\"name\": ");
		assertProblem(response, 400, "malformed-request");
		assertThat(detail(response)).isEqualTo("The request body is not valid JSON.");
	}

	@Test
	void unknownFieldIsABadRequestNamingTheField() throws Exception {
		HttpResponse<String> response = post("/things", "{\"name\":\"a\",\"amount\":\"1.00\",\"colour\":\"red\"}");
		assertProblem(response, 400, "malformed-request");
		assertThat(detail(response)).isEqualTo("Unknown field 'colour'.");
	}

	@Test
	void wrongTypeAndUnknownEnumAreBadRequestsNamingTheField() throws Exception {
		HttpResponse<String> wrongType = post("/things", "{\"name\":\"a\",\"amount\":\"ten\"}");
		assertProblem(wrongType, 400, "malformed-request");
		assertThat(detail(wrongType)).isEqualTo("Invalid value for field 'amount'.");
		HttpResponse<String> unknownEnum = post("/things", "{\"name\":\"a\",\"amount\":\"1\",\"kind\":\"HUGE\"}");
		assertProblem(unknownEnum, 400, "malformed-request");
		assertThat(detail(unknownEnum)).isEqualTo("Invalid value for field 'kind'.");
		HttpResponse<String> numberForEnum = post("/things", "{\"name\":\"a\",\"amount\":\"1\",\"kind\":1}");
		assertProblem(numberForEnum, 400, "malformed-request");
	}

	@Test
	void brokenRulesAreUnprocessableWithFieldErrors() throws Exception {
		HttpResponse<String> response = post("/things", "{\"name\":\" \",\"amount\":\"-5\"}");
		JsonNode problem = assertProblem(response, 422, "validation-failed");
		assertThat(problem.path("errors")).hasSize(2);
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("amount");
		assertThat(problem.path("errors").get(1).path("field").asString()).isEqualTo("name");
		assertThat(problem.path("errors").get(0).path("message").asString()).isNotBlank();
	}

	@Test
	void badQueryParametersAreBadRequests() throws Exception {
		assertProblem(get("/things?size=abc"), 400, "invalid-parameter");
		JsonNode tooBig = assertProblem(get("/things?size=201"), 400, "invalid-parameter");
		assertThat(tooBig.path("errors").get(0).path("field").asString()).isEqualTo("size");
		assertProblem(get("/things/required"), 400, "invalid-parameter");
	}

	@Test
	void unknownPathWrongMethodAndWrongMediaTypeKeepTheirStatus() throws Exception {
		assertProblem(get("/nothing/here"), 404, "not-found");
		assertProblem(send(HttpRequest.newBuilder(url("/things")).DELETE()), 405, "method-not-allowed");
		assertProblem(send(HttpRequest.newBuilder(url("/things"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("hello"))), 415, "unsupported-media-type");
	}

	@Test
	void oversizeBodiesAreRefusedWithContentTooLarge() throws Exception {
		String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\",\"amount\":\"1\"}";
		assertProblem(post("/things", big), 413, "payload-too-large");
		// Without a declared length the body is counted while it is read.
		HttpRequest.Builder chunked = HttpRequest.newBuilder(url("/things"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())));
		assertProblem(send(chunked), 413, "payload-too-large");
	}

	@Test
	void domainErrorsCarryTheirTypePropertiesAndHeaders() throws Exception {
		HttpResponse<String> response = get("/things/declined");
		JsonNode problem = assertProblem(response, 402, "payment-declined");
		assertThat(problem.path("paymentId").asString()).isEqualTo("p-1");
		assertThat(problem.path("detail").asString()).isEqualTo("The card was declined.");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
	}

	@Test
	void unexpectedErrorsAreInternalErrorsThatRevealNothing() throws Exception {
		HttpResponse<String> response = get("/things/broken");
		assertProblem(response, 500, "internal-error");
		assertThat(response.body()).doesNotContain("secret", "IllegalStateException", "at dev.");
	}

	@Test
	void anUnreachableDatabaseIsServiceUnavailableWithRetryAfter() throws Exception {
		HttpResponse<String> response = get("/things/database-down");
		assertProblem(response, 503, "service-unavailable");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.body()).doesNotContain("JDBC", "Connection is not available");
	}

	@Test
	void moneyIsADecimalStringAndTimesAreIso8601() throws Exception {
		JsonNode thing = JSON.readTree(get("/things/sample").body());
		assertThat(thing.path("amount").isString()).isTrue();
		assertThat(thing.path("amount").asString()).isEqualTo("125.40");
		assertThat(thing.path("at").asString()).isEqualTo("2026-11-25T10:15:30Z");
		assertThat(thing.path("on").asString()).isEqualTo("2026-11-25");
	}

	@Test
	void requestIdIsEchoedOnProblemsToo() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(url("/nothing")).header("X-Request-Id", "r-1"));
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("r-1");
	}

	private static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
		return ProblemAssertions.assertProblem(response, status, type);
	}

	private static String detail(HttpResponse<String> response) {
		return JSON.readTree(response.body()).path("detail").asString();
	}

	private HttpResponse<String> get(String path) {
		return server().get(path);
	}

	private HttpResponse<String> post(String path, String json) {
		return server().postJson(path, json);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		return server().send(request);
	}

	private URI url(String path) {
		return server().url(path);
	}

	private LocalServer server() {
		return LocalServer.of(this.environment);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ThingController.class)
	static class TestApplication {

	}

	enum Kind {

		SMALL, LARGE

	}

	record NewThing(@NotBlank String name, @Positive BigDecimal amount, Kind kind) {
	}

	record Thing(BigDecimal amount, Instant at, LocalDate on) {
	}

	static class PaymentDeclined extends PortalException {

		PaymentDeclined() {
			super(HttpStatus.PAYMENT_REQUIRED, "payment-declined", "Payment declined", "The card was declined.");
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("paymentId", "p-1");
		}

		@Override
		public Map<String, String> headers() {
			return Map.of("Retry-After", "7");
		}

	}

	@RestController

	static class ThingController {

		@PostMapping("/things")
		NewThing create(@Valid @RequestBody NewThing thing) {
			return thing;
		}

		@GetMapping("/things")
		Map<String, Integer> list(@RequestParam(defaultValue = "20") @Max(200) int size) {
			return Map.of("size", size);
		}

		@GetMapping("/things/required")
		String required(@RequestParam String q) {
			return q;
		}

		@GetMapping("/things/declined")
		String declined() {
			throw new PaymentDeclined();
		}

		@GetMapping("/things/broken")
		String broken() {
			throw new IllegalStateException("secret internals");
		}

		/**
		 * What a data-access library throws when the pool gets no connection: the JDBC
		 * cause is what counts.
		 */
		@GetMapping("/things/database-down")
		String databaseDown() {
			throw new IllegalStateException("Could not open JDBC Connection for transaction",
					new java.sql.SQLTransientConnectionException("payment - Connection is not available"));
		}

		@GetMapping("/things/sample")
		Thing sample() {
			return new Thing(new BigDecimal("125.40"), Instant.parse("2026-11-25T10:15:30Z"),
					LocalDate.of(2026, 11, 25));
		}

	}

}
