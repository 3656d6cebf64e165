package dev.portico.platform.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks Keycloak whether an access token is still good (RFC 7662 introspection), as the
 * service's own client ({@code portico-services}). A signature and expiry tell a service
 * only that the token was good when issued; Keycloak answers {@code active: false} once
 * the session it belongs to has ended (logout, a password reset, an administrator), which
 * is what a long-lived connection needs to know.
 */
public final class TokenIntrospection {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI introspectionUri;

	private final String authorization;

	private final Duration timeout;

	private final HttpClient http;

	public TokenIntrospection(URI introspectionUri, String clientId, String clientSecret, Duration timeout) {
		if (clientSecret == null || clientSecret.isBlank()) {
			throw new IllegalArgumentException("portico.security.service-client.secret is not set: set "
					+ "PORTICO_SECURITY_SERVICE_CLIENT_SECRET to the secret of the realm's " + clientId + " client");
		}
		this.introspectionUri = introspectionUri;
		// RFC 6749 2.3.1: both parts form-encoded before they are joined.
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/**
	 * Keycloak's introspection endpoint, beside the token endpoint the service asks its
	 * own tokens at.
	 */
	public static TokenIntrospection of(SecurityProperties security) {
		return new TokenIntrospection(URI.create(security.effectiveServiceTokenUri() + "/introspect"),
				security.serviceClient().id(), security.serviceClient().secret(), security.jwksTimeout());
	}

	/**
	 * Whether Keycloak still holds {@code accessToken} good.
	 * @throws IntrospectionUnavailable when Keycloak cannot say (down, slow, or refusing
	 * the service's client)
	 */
	public boolean isActive(String accessToken) {
		HttpRequest request = HttpRequest.newBuilder(this.introspectionUri)
			.timeout(this.timeout)
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("token=" + form(accessToken) + "&token_type_hint=access_token"))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IntrospectionUnavailable("Keycloak answered " + response.statusCode() + " to introspection");
			}
			return JSON.readTree(response.body()).path("active").asBoolean(false);
		}
		catch (IOException ex) {
			throw new IntrospectionUnavailable("Keycloak is not reachable for introspection: " + ex);
		}
		catch (JacksonException ex) {
			throw new IntrospectionUnavailable("Keycloak's introspection answer is not JSON");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IntrospectionUnavailable("interrupted while asking Keycloak about a token");
		}
	}

	private static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Keycloak could not say whether the token is good; the caller decides what an
	 * unknown means.
	 */
	public static final class IntrospectionUnavailable extends RuntimeException {

		IntrospectionUnavailable(String message) {
			super(message);
		}

	}

}
