package dev.portico.auth.keycloak;

import java.net.http.HttpClient;
import java.util.concurrent.TimeUnit;

import dev.portico.auth.config.AuthProperties;
import dev.portico.platform.security.SecurityProperties;
import dev.portico.platform.security.DependencyBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.spi.ResteasyClientClassicProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The two ways auth-service talks to Keycloak, both with timeouts and behind one circuit
 * breaker.
 */
@Configuration(proxyBeanMethods = false)
class KeycloakClients {

	@Bean
	CircuitBreaker keycloakCircuitBreaker(AuthProperties properties, ObjectProvider<MeterRegistry> meters) {
		// A login waits on Keycloak: open after fewer calls than a service's breaker
		// does.
		return DependencyBreakers.of("keycloak", properties.keycloak().circuitOpenFor(), meters.getIfAvailable(),
				(config) -> config.slidingWindowSize(10)
					.minimumNumberOfCalls(5)
					.recordException(KeycloakUnavailable.class::isInstance));
	}

	@Bean
	KeycloakCalls keycloakCalls(CircuitBreaker keycloakCircuitBreaker, AuthProperties properties) {
		return new KeycloakCalls(keycloakCircuitBreaker, properties.keycloak().circuitOpenFor().toSeconds());
	}

	@Bean
	KeycloakTokens keycloakTokens(AuthProperties properties, SecurityProperties security, KeycloakCalls calls) {
		AuthProperties.Keycloak keycloak = properties.keycloak();
		String baseUrl = keycloak.effectiveBaseUrl(security.issuerUri()).toString().replaceAll("/$", "");
		HttpClient http = HttpClient.newBuilder().connectTimeout(keycloak.connectTimeout()).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(keycloak.readTimeout());
		RestClient client = RestClient.builder()
			.baseUrl(baseUrl + "/realms/" + keycloak.realm() + "/protocol/openid-connect")
			.requestFactory(requests)
			.build();
		return new KeycloakTokens(client, calls, keycloak.clientId(), keycloak.clientSecret());
	}

	@Bean(destroyMethod = "close")
	Keycloak keycloakAdmin(AuthProperties properties, SecurityProperties security) {
		AuthProperties.Keycloak keycloak = properties.keycloak();
		jakarta.ws.rs.client.Client client = ResteasyClientClassicProvider.createClientBuilder()
			.connectTimeout(keycloak.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.readTimeout(keycloak.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.connectionCheckoutTimeout(keycloak.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.connectionPoolSize(20)
			.register(new JacksonProvider(), 100)
			.build();
		// The admin client signs in lazily, on the first call, with client credentials of
		// the service account.
		return KeycloakBuilder.builder()
			.serverUrl(keycloak.effectiveBaseUrl(security.issuerUri()).toString())
			.realm(keycloak.realm())
			.grantType("client_credentials")
			.clientId(keycloak.clientId())
			.clientSecret(keycloak.clientSecret())
			.resteasyClient(client)
			.build();
	}

	@Bean
	KeycloakUsers keycloakUsers(Keycloak keycloakAdmin, AuthProperties properties, KeycloakCalls calls) {
		return new KeycloakUsers(keycloakAdmin, properties.keycloak().realm(), calls);
	}

}
