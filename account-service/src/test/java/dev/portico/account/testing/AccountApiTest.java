package dev.portico.account.testing;

import dev.portico.test.TestTokens;
import dev.portico.test.LocalServer;
import dev.portico.test.WithKafka;
import dev.portico.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * account-service running on a random port, on its own database and the test JVM's Kafka, trusting the tokens of
 * {@link TestTokens}. {@code ops} is an API client with an ops token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPostgres
@WithKafka
public abstract class AccountApiTest {

	@Autowired
	private Environment environment;

	protected Api ops;

	@DynamicPropertySource
	static void trustTestTokens(DynamicPropertyRegistry registry) {
		registry.add("portico.security.jwk-set-uri", TestTokens::jwkSetUri);
	}

	@BeforeEach
	void opsClient() {
		this.ops = new Api(LocalServer.of(this.environment), TestTokens.ops());
	}

	protected Api as(String token) {
		return this.ops.as(token);
	}

}
