package dev.portico.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin REST API of the local run's Keycloak, as its bootstrap administrator
 * (local-only credentials).
 */
final class LocalKeycloakAdmin {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private LocalKeycloakAdmin() {
	}

	static String token(URI keycloak) throws Exception {
		HttpResponse<String> token = HTTP
			.send(HttpRequest.newBuilder(keycloak.resolve("/realms/master/protocol/openid-connect/token"))
				.timeout(Duration.ofSeconds(20))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		return JSON.readTree(token.body()).path("access_token").asString();
	}

	/** GETs a path of realm {@code portal}'s admin API. */
	static HttpResponse<String> get(URI keycloak, String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(keycloak.resolve("/admin/realms/portal" + path))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + token(keycloak))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** POSTs JSON to a path of realm {@code portal}'s admin API, e.g. {@code /users}. */
	static HttpResponse<String> post(URI keycloak, String path, Object body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(keycloak.resolve("/admin/realms/portal" + path))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + token(keycloak))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
