package dev.portico.test;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service on a random port, its own database and the test JVM's Kafka, trusting the
 * tokens of {@link TestTokens}, called over HTTP as clients call it. {@code ops} is a
 * client with an ops token; {@link #as} gives one with another.
 *
 * @param <A> the service's API client, with the shortcuts its tests need
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPostgres
@WithKafka
public abstract class ServiceApiTest<A extends ApiClient> {

	@Autowired
	private Environment environment;

	protected A ops;

	@DynamicPropertySource
	static void trustTestTokens(DynamicPropertyRegistry registry) {
		registry.add("portico.security.jwk-set-uri", TestTokens::jwkSetUri);
		// Its /token beside /certs answers services' client-credentials grants with a
		// service token.
		registry.add("portico.security.service-client.secret", () -> "test-service-secret");
	}

	@BeforeEach
	void opsClient() {
		this.ops = client(LocalServer.of(this.environment), TestTokens.ops());
	}

	protected A as(String token) {
		return client(LocalServer.of(this.environment), token);
	}

	/** The service's client for {@code server}, sending {@code token}. */
	protected abstract A client(LocalServer server, String token);

}
