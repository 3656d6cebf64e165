package dev.portico.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.portico.test.LocalServer;
import dev.portico.test.ProblemAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway on its own, with every service down (their URLs point at a closed port):
 * what a client sees then is exactly what it must see when one is really down. Routing to
 * live services is covered end to end in e2e.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayApplicationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private Environment environment;

	@DynamicPropertySource
	static void servicesAreDown(DynamicPropertyRegistry registry) throws IOException {
		String closed = "http://127.0.0.1:" + closedPort();
		for (String service : new String[] { "auth", "account", "invoice", "payment", "usage" }) {
			registry.add("portico.gateway.services." + service, () -> closed);
		}
	}

	@Test
	void unknownPathIsANotFoundProblem() throws Exception {
		HttpResponse<String> response = get("/no/such/page");
		assertThat(response.statusCode()).isEqualTo(404);
		assertProblem(response, "not-found");
	}

	@Test
	void apiWithoutTokenIsAnUnauthenticatedProblem() throws Exception {
		HttpResponse<String> response = get("/api/accounts/00000000-0000-0000-0000-000000000001/overview");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		assertProblem(response, "unauthenticated");
	}

	@Test
	void aMalformedOrForeignAuthorizationHeaderIsAnUnauthenticatedProblem() throws Exception {
		String overview = "/api/accounts/00000000-0000-0000-0000-000000000001/overview";
		for (String authorization : new String[] { "Bearer two words", "Bearer abéc", "bearer",
				"Basic YWxpY2U6eA==" }) {
			HttpResponse<String> response = get(overview, "Authorization", authorization);
			assertThat(response.statusCode()).as(authorization).isEqualTo(401);
			assertProblem(response, "unauthenticated");
		}
	}

	@Test
	void serviceDownIsAServiceUnavailableProblemWithRetryAfter() throws Exception {
		HttpResponse<String> response = post("/api/auth/login", "{\"username\":\"alice\",\"password\":\"x\"}");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		JsonNode problem = assertProblem(response, "service-unavailable");
		assertThat(problem.path("instance").asString()).isEqualTo("/api/auth/login");
	}

	/**
	 * The /api alerts select requests by this tag: a routed call must carry its route's
	 * pattern, not UNKNOWN.
	 */
	@Test
	void routedRequestsAreMeasuredUnderTheirRoutesPattern() throws Exception {
		post("/api/auth/login", "{\"username\":\"alice\",\"password\":\"x\"}");

		assertThat(management("/actuator/prometheus").body())
			.containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"503\"[^}]*uri=\"/api/auth/\\*\\*\"");
	}

	@Test
	void healthIsDownWhileServicesAreDownButTheGatewayStaysLive() throws Exception {
		HttpResponse<String> health = management("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(JSON.readTree(health.body()).path("components").path("downstream").path("status").asString())
			.isEqualTo("DOWN");
		assertThat(management("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	/**
	 * The public port is what the ingress routes: health details and metrics are not
	 * there.
	 */
	@Test
	void theActuatorIsNotOnThePublicPort() throws Exception {
		for (String path : new String[] { "/actuator", "/actuator/health", "/actuator/health/liveness",
				"/actuator/prometheus", "/actuator/info" }) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path).isIn(401, 404);
			assertThat(response.body()).as(path).doesNotContain("downstream", "jvm_");
		}
	}

	@Test
	void everyResponseCarriesARequestId() throws Exception {
		assertThat(get("/no/such/page").headers().firstValue("X-Request-Id")).isPresent();
		assertThat(get("/no/such/page", "X-Request-Id", "req-42").headers().firstValue("X-Request-Id"))
			.hasValue("req-42");
	}

	@Test
	void servesTheAggregatedSwaggerUi() throws Exception {
		HttpResponse<String> config = get("/v3/api-docs/swagger-config");
		assertThat(config.statusCode()).isEqualTo(200);
		assertThat(config.body()).contains("/openapi/account", "/openapi/payment", "/openapi/usage");
	}

	@Test
	void oversizeBodyIsRefusedBeforeItIsProxied() throws Exception {
		String big = "{\"username\":\"" + "x".repeat(1024 * 1024) + "\"}";
		HttpResponse<String> response = post("/api/auth/login", big);
		assertThat(response.statusCode()).isEqualTo(413);
		assertProblem(response, "payload-too-large");
	}

	@Test
	void usageBatchesHaveTheLargerLimitOfTheirPath() throws Exception {
		String twoMegabytes = "[\"" + "x".repeat(2 * 1024 * 1024) + "\"]";
		String nineMegabytes = "[\"" + "x".repeat(9 * 1024 * 1024) + "\"]";

		assertThat(post("/api/usage/records", twoMegabytes).statusCode()).as("let through to the token check")
			.isEqualTo(401);
		assertProblem(post("/api/usage/records", nineMegabytes), "payload-too-large");
	}

	@Test
	void browsersOnConfiguredOriginsMayCallTheApiAndOthersMayNot() throws Exception {
		HttpResponse<String> allowed = preflight("http://localhost:3000");
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
			.contains("authorization");
		assertThat(preflight("https://evil.example").statusCode()).isEqualTo(403);
	}

	@Test
	void responsesCarrySecurityHeaders() throws Exception {
		HttpResponse<String> response = get("/api/accounts/00000000-0000-0000-0000-000000000001/overview");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
	}

	private HttpResponse<String> preflight(String origin) {
		LocalServer server = LocalServer.of(this.environment);
		return server
			.send(HttpRequest.newBuilder(server.url("/api/accounts/00000000-0000-0000-0000-000000000001/overview"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", origin)
				.header("Access-Control-Request-Method", "GET")
				.header("Access-Control-Request-Headers", "authorization"));
	}

	private JsonNode assertProblem(HttpResponse<String> response, String type) {
		return ProblemAssertions.assertProblem(response, response.statusCode(), type);
	}

	private HttpResponse<String> management(String path) {
		return LocalServer
			.at(java.net.URI
				.create("http://127.0.0.1:" + this.environment.getRequiredProperty("local.management.port")))
			.get(path);
	}

	private HttpResponse<String> get(String path, String... headers) {
		return LocalServer.of(this.environment).get(path, headers);
	}

	private HttpResponse<String> post(String path, String json) {
		return LocalServer.of(this.environment).postJson(path, json);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
