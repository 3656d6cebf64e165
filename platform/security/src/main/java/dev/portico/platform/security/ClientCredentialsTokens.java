package dev.portico.platform.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ServiceTokens} from Keycloak's client-credentials grant of the realm's
 * {@code portico-services} client, kept until shortly before they expire, so that a call
 * between services costs Keycloak nothing most of the time. A token is asked for on first
 * use, not at start-up: a service starts while Keycloak is still starting.
 */
public final class ClientCredentialsTokens implements ServiceTokens {

	/** A token is renewed this long before it expires, so that none expires in flight. */
	private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI tokenUri;

	private final String form;

	private final Duration timeout;

	private final Clock clock;

	private final HttpClient http;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile String token;

	private volatile Instant renewAt = Instant.MIN;

	public ClientCredentialsTokens(URI tokenUri, String clientId, String clientSecret, Duration timeout, Clock clock) {
		if (clientSecret == null || clientSecret.isBlank()) {
			throw new IllegalArgumentException("portico.security.service-client.secret is not set: set "
					+ "PORTICO_SECURITY_SERVICE_CLIENT_SECRET to the secret of the realm's " + clientId + " client");
		}
		this.tokenUri = tokenUri;
		this.form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
				+ "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
		this.timeout = timeout;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public String accessToken() {
		if (this.clock.instant().isBefore(this.renewAt)) {
			return this.token;
		}
		this.lock.lock();
		try {
			if (this.clock.instant().isBefore(this.renewAt)) {
				return this.token;
			}
			return fetch();
		}
		finally {
			this.lock.unlock();
		}
	}

	private String fetch() {
		HttpRequest request = HttpRequest.newBuilder(this.tokenUri)
			.timeout(this.timeout)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(this.form))
			.build();
		try {
			Instant asked = this.clock.instant();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new ServiceTokenUnavailable(
						"Keycloak answered " + response.statusCode() + " to the service's " + "token request");
			}
			JsonNode body = JSON.readTree(response.body());
			String accessToken = body.path("access_token").asString();
			long expiresIn = body.path("expires_in").asLong(60);
			if (accessToken == null || accessToken.isEmpty()) {
				throw new ServiceTokenUnavailable("Keycloak's token answer had no access token");
			}
			this.token = accessToken;
			Instant renew = asked.plusSeconds(expiresIn).minus(RENEW_BEFORE);
			this.renewAt = renew.isAfter(asked) ? renew : asked;
			return accessToken;
		}
		catch (IOException ex) {
			throw new ServiceTokenUnavailable("Keycloak is not reachable for the service's token: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceTokenUnavailable("interrupted while asking Keycloak for the service's token");
		}
	}

	/** No token for the call: the caller answers as for any dependency that is down. */
	public static final class ServiceTokenUnavailable extends RuntimeException {

		ServiceTokenUnavailable(String message) {
			super(message);
		}

	}

}
