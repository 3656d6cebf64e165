package dev.portico.account.testing;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import dev.portico.test.LocalServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** account-service's API as a client calls it, with one caller's token. */
public final class Api {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final LocalServer server;

	private final String token;

	public Api(LocalServer server, String token) {
		this.server = server;
		this.token = token;
	}

	public Api as(String otherToken) {
		return new Api(this.server, otherToken);
	}

	public HttpResponse<String> get(String path) {
		return this.server.send(request(path).GET());
	}

	public HttpResponse<String> post(String path, Object body) {
		return this.server.send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(text(body))));
	}

	public HttpResponse<String> patch(String path, String contentType, Object body) {
		return send(path, "PATCH", contentType, body);
	}

	public HttpResponse<String> send(String path, String method, String contentType, Object body) {
		return this.server.send(request(path).header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofString(text(body))));
	}

	public HttpResponse<String> mergePatch(String path, Object body) {
		return patch(path, "application/merge-patch+json", body);
	}

	/** Opens an account (the caller must be ops) and returns its id. */
	public UUID open(AccountMother account) {
		HttpResponse<String> response = post("/api/accounts", account.body());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return UUID.fromString(json(response).path("accountId").asString());
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.url(path));
		return (this.token != null) ? request.header("Authorization", "Bearer " + this.token) : request;
	}

	private static String text(Object body) {
		return (body instanceof String raw) ? raw : JSON.writeValueAsString(body);
	}

}
