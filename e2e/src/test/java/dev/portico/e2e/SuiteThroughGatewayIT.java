package dev.portico.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import dev.portico.launcher.Suite;
import dev.portico.test.LocalServer;
import dev.portico.test.ProblemAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole suite, started the way {@code ./portal up} starts it (same launcher code,
 * free ports, fresh data), used the way a client uses it: a token from the real Keycloak
 * of realm {@code portal}, every call through the gateway.
 */
@ExtendWith(E2eSuite.class)
class SuiteThroughGatewayIT {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ACCOUNT = "00000000-0000-0000-0000-0000000000e2";

	private static Suite suite;

	private static String token;

	@BeforeAll
	static void startSuite() throws Exception {
		suite = E2eSuite.suite();
		token = passwordGrant("e2e-user", "E2e-user#2026");
	}

	@Test
	void authServiceKnowsTheCallerFromTheRealmsToken() throws Exception {
		HttpResponse<String> response = get("/api/auth/me", token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode me = JSON.readTree(response.body());
		assertThat(me.path("username").asString()).isEqualTo("e2e-user");
		assertThat(me.path("accountId").asString()).isEqualTo(ACCOUNT);
		assertThat(me.path("roles").toString()).contains("customer");
		assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth", "account", "invoice", "payment", "usage" })
	void everyServiceAnswersThroughTheGateway(String service) throws Exception {
		HttpResponse<String> response = get("/openapi/" + service, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode document = JSON.readTree(response.body());
		assertThat(document.path("openapi").asString()).startsWith("3.");
		assertThat(document.path("info").path("title").asString()).isEqualTo("Portico " + service + "-service");
	}

	@Test
	void gatewayHealthIsUpBecauseEveryRoutedServiceIsReady() throws Exception {
		assertThat(get("/actuator/health", null).statusCode()).as("not on the public port").isIn(401, 404);
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(suite.gatewayManagementUrl().resolve("/actuator/health"))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode downstream = JSON.readTree(response.body()).path("components").path("downstream").path("components");
		assertThat(downstream.propertyNames()).containsExactlyInAnyOrder("auth", "account", "invoice", "payment",
				"usage", "web");
		downstream.forEach((component) -> assertThat(component.path("status").asString()).isEqualTo("UP"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/me", "/api/accounts/" + ACCOUNT + "/overview",
			"/api/accounts/" + ACCOUNT + "/invoices", "/api/accounts/" + ACCOUNT + "/payments",
			"/api/accounts/" + ACCOUNT + "/usage" })
	void apiWithoutTokenIsAnUnauthenticatedProblem(String path) throws Exception {
		HttpResponse<String> response = get(path, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertProblem(response, "unauthenticated");
	}

	@Test
	void forgedTokenIsAnUnauthenticatedProblem() throws Exception {
		String[] parts = token.split("\\.");
		String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
		HttpResponse<String> response = get("/api/auth/me", forged);
		assertThat(response.statusCode()).isEqualTo(401);
		assertProblem(response, "unauthenticated");
	}

	@Test
	void unknownPathIsANotFoundProblem() throws Exception {
		HttpResponse<String> response = get("/api/no-such-thing", token);
		assertThat(response.statusCode()).isEqualTo(404);
		assertProblem(response, "not-found");
	}

	private static void assertProblem(HttpResponse<String> response, String type) {
		ProblemAssertions.assertProblem(response, response.statusCode(), type);
	}

	private static HttpResponse<String> get(String path, String bearer) {
		LocalServer gateway = LocalServer.at(suite.gatewayUrl());
		return (bearer != null) ? gateway.get(path, "Authorization", "Bearer " + bearer) : gateway.get(path);
	}

	private static String passwordGrant(String username, String password) throws Exception {
		Map<String, String> form = Map.of("grant_type", "password", "client_id", "auth-service", "client_secret",
				"auth-service-dev-secret", "username", username, "password", password, "scope", "openid");
		String body = form.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		URI tokenEndpoint = URI.create(suite.issuerUri() + "/protocol/openid-connect/token");
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(tokenEndpoint)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("access_token").asString();
	}

}
