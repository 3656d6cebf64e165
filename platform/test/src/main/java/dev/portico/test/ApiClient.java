package dev.portico.test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's API as a client calls it, with one caller's token. Services' tests extend
 * it with their own shortcuts.
 */
public class ApiClient {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final LocalServer server;

	private final String token;

	public ApiClient(LocalServer server, String token) {
		this.server = server;
		this.token = token;
	}

	public ApiClient as(String otherToken) {
		return new ApiClient(this.server, otherToken);
	}

	protected LocalServer server() {
		return this.server;
	}

	public HttpResponse<String> get(String path) {
		return this.server.send(request(path).GET());
	}

	/** GET of a binary resource, e.g. a PDF, with optional header name/value pairs. */
	public HttpResponse<byte[]> getBytes(String path, String... headers) {
		HttpRequest.Builder request = request(path).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.server.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	/** POST with extra header name/value pairs, e.g. an {@code Idempotency-Key}. */
	public HttpResponse<String> post(String path, Object body, String... headers) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(text(body)));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.server.send(request);
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
