package dev.portico.auth.keycloak;

import java.io.IOException;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Keycloak's OpenID Connect endpoints as the confidential client {@code auth-service}:
 * the password and refresh grants and the logout that ends a session. Passwords and
 * tokens travel only in request bodies and are never logged.
 */
public class KeycloakTokens {

	private static final ParameterizedTypeReference<Map<String, Object>> ERROR = new ParameterizedTypeReference<>() {
	};

	private final RestClient client;

	private final KeycloakCalls calls;

	private final String clientId;

	private final String clientSecret;

	KeycloakTokens(RestClient client, KeycloakCalls calls, String clientId, String clientSecret) {
		this.client = client;
		this.calls = calls;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	/**
	 * Tokens for this user name (or e-mail) and password; {@link TokenRefused} if
	 * Keycloak says no.
	 */
	public TokenSet passwordGrant(String username, String password) {
		return passwordGrant(username, password, null);
	}

	/**
	 * The same with a one-time code ({@code null}: none given), which the realm's
	 * direct-grant flow asks of ops and of every user who turned on two-step sign-in,
	 * exactly as its sign-in pages do.
	 */
	public TokenSet passwordGrant(String username, String password, String oneTimeCode) {
		MultiValueMap<String, String> form = clientForm();
		form.add("grant_type", "password");
		form.add("username", username);
		form.add("password", password);
		if (oneTimeCode != null) {
			form.add("totp", oneTimeCode);
		}
		return this.calls.call("password grant", () -> tokens(form));
	}

	/**
	 * New tokens for a refresh token; {@link TokenRefused} if it is expired, revoked or
	 * its session ended.
	 */
	public TokenSet refresh(String refreshToken) {
		MultiValueMap<String, String> form = clientForm();
		form.add("grant_type", "refresh_token");
		form.add("refresh_token", refreshToken);
		return this.calls.call("refresh grant", () -> tokens(form));
	}

	/**
	 * Ends the Keycloak session of this refresh token; {@link TokenRefused} if there is
	 * none.
	 */
	public void logout(String refreshToken) {
		MultiValueMap<String, String> form = clientForm();
		form.add("refresh_token", refreshToken);
		this.calls.run("logout",
				() -> this.client.post()
					.uri("/logout")
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.body(form)
					.exchange((request, response) -> {
						if (response.getStatusCode().is2xxSuccessful()) {
							return null;
						}
						throw refusal(response);
					}));
	}

	private TokenSet tokens(MultiValueMap<String, String> form) {
		return this.client.post()
			.uri("/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(form)
			.exchange((request, response) -> {
				if (response.getStatusCode().is2xxSuccessful()) {
					return response.bodyTo(TokenSet.class);
				}
				throw refusal(response);
			});
	}

	private RuntimeException refusal(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response)
			throws IOException {
		if (response.getStatusCode().is5xxServerError()) {
			// Counted by the circuit breaker like a timeout.
			throw new ResourceAccessException("Keycloak answered " + response.getStatusCode().value());
		}
		Map<String, Object> error;
		try {
			error = response.bodyTo(ERROR);
		}
		catch (RuntimeException ex) {
			error = null;
		}
		String code = (error != null) ? String.valueOf(error.get("error"))
				: "status_" + response.getStatusCode().value();
		String description = (error != null && error.get("error_description") != null)
				? String.valueOf(error.get("error_description")) : null;
		if ("invalid_client".equals(code) || "unauthorized_client".equals(code)) {
			// auth-service's own client is refused (wrong secret, client disabled): the
			// caller is not at fault.
			throw new ResourceAccessException("Keycloak refused client credentials of auth-service: " + code);
		}
		return new TokenRefused(code, description);
	}

	private MultiValueMap<String, String> clientForm() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("client_id", this.clientId);
		form.add("client_secret", this.clientSecret);
		return form;
	}

}
