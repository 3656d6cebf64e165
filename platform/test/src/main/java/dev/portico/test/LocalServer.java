package dev.portico.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.core.env.Environment;

/**
 * A real HTTP client for a server under test: the random-port application of a test, or
 * the e2e gateway.
 */
public final class LocalServer {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final URI base;

	private LocalServer(URI base) {
		this.base = base;
	}

	/** The application a {@code RANDOM_PORT} Spring Boot test started. */
	public static LocalServer of(Environment environment) {
		return at(URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port")));
	}

	public static LocalServer at(URI base) {
		return new LocalServer(base);
	}

	public URI url(String path) {
		return this.base.resolve(path);
	}

	/** GET with optional header name/value pairs. */
	public HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	public HttpResponse<String> postJson(String path, String json) {
		return send(HttpRequest.newBuilder(url(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		return send(request, HttpResponse.BodyHandlers.ofString());
	}

	public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
		try {
			return HTTP.send(request.build(), body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling " + request.build().uri(), ex);
		}
	}

}
