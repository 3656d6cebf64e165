package dev.portico.auth.keycloak;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.portico.test.LocalServer;
import dev.portico.test.ProblemAssertions;
import dev.portico.test.WithKafka;
import dev.portico.test.WithPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak unreachable (nothing listens on its port): a quick 503 problem with
 * Retry-After, never a hang.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "portico.auth.keycloak.base-url=http://127.0.0.1:1")
@WithPostgres
@WithKafka
class KeycloakDownTest {

	@Autowired
	private Environment environment;

	@Test
	void loginRefreshAndLogoutAnswerServiceUnavailableQuickly() {
		for (String[] call : new String[][] { { "/api/auth/login", "{\"username\":\"u\",\"password\":\"p\"}" },
				{ "/api/auth/refresh", "{\"refreshToken\":\"t\"}" }, { "/api/auth/logout", "{\"refreshToken\":\"t\"}" },
				{ "/api/auth/password/reset", "{\"token\":\"" + "A".repeat(43) + "\",\"newPassword\":\"x\"}" } }) {
			long started = System.nanoTime();
			HttpResponse<String> response = LocalServer.of(this.environment).postJson(call[0], call[1]);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			if (call[0].endsWith("reset")) {
				// An unknown token is refused before Keycloak is needed.
				ProblemAssertions.assertProblem(response, 400, "invalid-reset-token");
				continue;
			}
			ProblemAssertions.assertProblem(response, 503, "service-unavailable");
			assertThat(response.headers().firstValue("Retry-After")).isPresent();
			assertThat(took).as(call[0]).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void forgotStillAnswersAccepted() {
		assertThat(LocalServer.of(this.environment)
			.postJson("/api/auth/password/forgot", "{\"usernameOrEmail\":\"someone\"}")
			.statusCode()).isEqualTo(202);
	}

}
