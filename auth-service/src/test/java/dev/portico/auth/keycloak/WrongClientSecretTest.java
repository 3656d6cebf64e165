package dev.portico.auth.keycloak;

import dev.portico.test.LocalServer;
import dev.portico.test.ProblemAssertions;
import dev.portico.test.TestKeycloak;
import dev.portico.test.WithKafka;
import dev.portico.test.WithKeycloak;
import dev.portico.test.WithPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * A misconfigured client secret is auth-service's fault, not the user's: 503, never
 * "wrong password".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "portico.auth.keycloak.client-secret=not-the-secret")
@WithPostgres
@WithKafka
@WithKeycloak
class WrongClientSecretTest {

	@Autowired
	private Environment environment;

	@Test
	void loginAnswersServiceUnavailable() {
		String username = "secret-" + System.nanoTime();
		TestKeycloak.createUser(username, username + "@portico.test", "Correct#Horse-2026", null, "customer");
		ProblemAssertions.assertProblem(LocalServer.of(this.environment)
			.postJson("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"Correct#Horse-2026\"}"),
				503, "service-unavailable");
	}

}
