package dev.portico.auth.config;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthPropertiesTest {

	private static final URI ISSUER = URI.create("http://localhost:18180/realms/portal");

	@Test
	void keycloakIsFoundWhereTheTokenIssuerIsUnlessConfigured() {
		assertThat(keycloak(null).effectiveBaseUrl(ISSUER)).isEqualTo(URI.create("http://localhost:18180"));
		assertThat(keycloak(URI.create("http://keycloak:8080")).effectiveBaseUrl(ISSUER))
			.isEqualTo(URI.create("http://keycloak:8080"));
	}

	@Test
	void theClientSecretNeverShowsInToString() {
		assertThat(keycloak(null).toString()).doesNotContain("s3cret");
	}

	@Test
	void withoutAClientSecretAuthServiceDoesNotStart() {
		for (String missing : new String[] { null, "", "  " }) {
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> new AuthProperties.Keycloak(null, "portal", "auth-service", missing,
						Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
				.withMessageContaining("PORTAL_AUTH_SERVICE_CLIENT_SECRET");
		}
	}

	private static AuthProperties.Keycloak keycloak(URI baseUrl) {
		return new AuthProperties.Keycloak(baseUrl, "portal", "auth-service", "s3cret", Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofSeconds(1));
	}

}
