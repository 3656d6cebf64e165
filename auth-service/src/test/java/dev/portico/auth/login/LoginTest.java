package dev.portico.auth.login;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.portico.auth.AuthApiTest;
import dev.portico.test.ProblemAssertions;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs on a stopped clock, so that rate-limit buckets do not refill while a slow machine
 * works through a test.
 */
@Import(LoginTest.StoppedClock.class)
class LoginTest extends AuthApiTest {

	@Autowired
	private MeterRegistry meters;

	@TestConfiguration(proxyBeanMethods = false)
	static class StoppedClock {

		@Bean
		@Primary
		Clock stoppedClock() {
			return Clock.fixed(Instant.now(), ZoneOffset.UTC);
		}

	}

	@Test
	void loginReturnsBearerTokensThatTheServiceAccepts() {
		TestUser user = customer();
		HttpResponse<String> response = login(user.username(), user.password());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode tokens = json(response);
		assertThat(tokens.path("tokenType").asString()).isEqualTo("Bearer");
		assertThat(tokens.path("expiresIn").asLong()).isBetween(290L, 300L);
		assertThat(tokens.path("refreshExpiresIn").asLong()).isBetween(1790L, 1800L);
		assertThat(tokens.path("refreshToken").asString()).isNotBlank();

		HttpResponse<String> me = get("/api/auth/me", "Authorization", bearer(tokens.path("accessToken").asString()));
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(json(me).path("username").asString()).isEqualTo(user.username());
		assertThat(json(me).path("email").asString()).isEqualTo(user.email());
		assertThat(json(me).path("accountId").asString()).isEqualTo(user.accountId().toString());
		assertThat(json(me).path("roles").toString()).contains("customer");
	}

	@Test
	void loginAcceptsTheEmailAddressToo() {
		TestUser user = customer();
		assertThat(login(user.email(), user.password()).statusCode()).isEqualTo(200);
	}

	@Test
	void wrongPasswordAndUnknownUserAreTheSameUnauthorizedProblem() {
		double failures = this.meters.counter("portico.login.failures", "reason", "invalid_credentials").count();
		TestUser user = customer();
		JsonNode wrong = ProblemAssertions.assertProblem(login(user.username(), "Wrong#Password-1"), 401,
				"invalid-credentials");
		JsonNode unknown = ProblemAssertions.assertProblem(login("nobody-" + user.username(), "Whatever#2026"), 401,
				"invalid-credentials");
		assertThat(wrong.path("detail")).isEqualTo(unknown.path("detail"));
		assertThat(this.meters.counter("portico.login.failures", "reason", "invalid_credentials").count())
			.isEqualTo(failures + 2);
	}

	@Test
	void refreshGivesNewTokensAndLogoutEndsTheSession() {
		TestUser user = customer();
		String refreshToken = json(login(user.username(), user.password())).path("refreshToken").asString();

		HttpResponse<String> refreshed = post("/api/auth/refresh", object().put("refreshToken", refreshToken));
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		String newRefreshToken = json(refreshed).path("refreshToken").asString();
		assertThat(json(refreshed).path("accessToken").asString()).isNotBlank();

		assertThat(post("/api/auth/logout", object().put("refreshToken", newRefreshToken)).statusCode()).isEqualTo(204);
		ProblemAssertions.assertProblem(post("/api/auth/refresh", object().put("refreshToken", newRefreshToken)), 401,
				"invalid-refresh-token");
		ProblemAssertions.assertProblem(post("/api/auth/refresh", object().put("refreshToken", refreshToken)), 401,
				"invalid-refresh-token");
	}

	@Test
	void garbageRefreshTokenIsUnauthorizedAndBadBodiesAreProblems() {
		ProblemAssertions.assertProblem(post("/api/auth/refresh", object().put("refreshToken", "not-a-token")), 401,
				"invalid-refresh-token");
		JsonNode problem = ProblemAssertions.assertProblem(post("/api/auth/login", object().put("username", "x")), 422,
				"validation-failed");
		assertThat(problem.path("errors").toString()).contains("password");
		ProblemAssertions.assertProblem(post("/api/auth/login", "{not json"), 400, "malformed-request");
	}

	@Test
	void repeatedFailuresFromOneAddressLockTheNameThereEvenForTheRightPassword() {
		TestUser user = customer();
		for (int attempt = 1; attempt <= 4; attempt++) {
			ProblemAssertions.assertProblem(login(user.username(), "Wrong#Password-" + attempt), 401,
					"invalid-credentials");
		}
		ProblemAssertions.assertProblem(login(user.username(), "Wrong#Password-5"), 429, "account-locked");
		HttpResponse<String> locked = login(user.username(), user.password());
		ProblemAssertions.assertProblem(locked, 429, "account-locked");
		long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, Duration.ofMinutes(15).toSeconds());
	}

	@Test
	void aStrangerElsewhereCannotLockACustomerOut() {
		TestUser user = customer();
		String stranger = anotherAddress();
		for (int attempt = 1; attempt <= 8; attempt++) {
			assertThat(loginFrom(stranger, user.username(), "Wrong#Password-" + attempt).statusCode()).isIn(401, 429);
		}
		ProblemAssertions.assertProblem(loginFrom(stranger, user.username(), user.password()), 429, "account-locked");
		assertThat(login(user.username(), user.password()).statusCode()).as("the customer, at home").isEqualTo(200);
	}

	@Test
	void knownAndUnknownNamesGetTheSameAnswersAllTheWayToTheLockout() {
		TestUser user = customer();
		String unknown = "nobody-" + user.username();
		String knownAt = anotherAddress();
		String unknownAt = anotherAddress();
		for (int attempt = 1; attempt <= 7; attempt++) {
			HttpResponse<String> known = loginFrom(knownAt, user.username(), "Wrong#Password-" + attempt);
			HttpResponse<String> nobody = loginFrom(unknownAt, unknown, "Wrong#Password-" + attempt);
			assertThat(nobody.statusCode()).as("attempt %d", attempt).isEqualTo(known.statusCode());
			assertThat(withoutInstance(nobody.body())).as("attempt %d", attempt)
				.isEqualTo(withoutInstance(known.body()));
			assertThat(nobody.headers().firstValue("Retry-After")).isEqualTo(known.headers().firstValue("Retry-After"));
		}
	}

	/**
	 * Keycloak's own lock (30 failures from anywhere) holds a name against guessing from
	 * many addresses; it then answers the right password like a wrong one, as for a name
	 * that does not exist, and a reset lifts it.
	 */
	@Test
	void keycloaksBackstopLockTellsNothingAndAResetLiftsIt() throws Exception {
		TestUser user = customer();
		for (int address = 0; address < 8; address++) {
			String from = anotherAddress();
			for (int attempt = 1; attempt <= 4; attempt++) {
				loginFrom(from, user.username(), "Wrong#Password-" + attempt);
			}
		}
		ProblemAssertions.assertProblem(login(user.username(), user.password()), 401, "invalid-credentials");

		assertThat(post("/api/auth/password/forgot", object().put("usernameOrEmail", user.email())).statusCode())
			.isEqualTo(202);
		assertThat(post("/api/auth/password/reset",
				object().put("token", dev.portico.auth.Mailbox.awaitToken(user.email(), 1))
					.put("newPassword", "After#Backstop-2026"))
			.statusCode()).isEqualTo(204);
		assertThat(login(user.username(), "After#Backstop-2026").statusCode()).isEqualTo(200);
	}

	@Test
	void tooManyAttemptsForOneUsernameFromOneAddressAreRateLimited() {
		String username = "nobody-" + System.nanoTime();
		// Ten attempts a minute per name and address: past the lockout, the rate limit
		// still answers.
		for (int attempt = 1; attempt <= 10; attempt++) {
			assertThat(login(username, "Wrong#Password-1").statusCode()).isIn(401, 429);
		}
		HttpResponse<String> limited = login(username, "Wrong#Password-1");
		ProblemAssertions.assertProblem(limited, 429, "too-many-requests");
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
	}

	private static String withoutInstance(String problem) {
		return problem.replaceAll("\"(instance|requestId|traceId)\":\"[^\"]*\"", "");
	}

	@Test
	void oneClientAddressGetsAtLeastSixtyAttemptsAMinuteThenIsRateLimited() throws Exception {
		List<HttpResponse<String>> responses;
		try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
			List<Future<HttpResponse<String>>> sent = new ArrayList<>();
			for (int attempt = 0; attempt < 125; attempt++) {
				String username = "someone-" + attempt + "-" + System.nanoTime();
				sent.add(clients.submit(() -> login(username, "Wrong#Password-1")));
			}
			responses = new ArrayList<>();
			for (Future<HttpResponse<String>> response : sent) {
				responses.add(response.get());
			}
		}
		// The default limit, 120 a minute, leaves room for the 60 that docs/api.md
		// promises.
		assertThat(responses.stream().filter((response) -> response.statusCode() == 401).count()).isEqualTo(120);
		HttpResponse<String> limited = responses.stream()
			.filter((response) -> response.statusCode() == 429)
			.findFirst()
			.orElseThrow();
		ProblemAssertions.assertProblem(limited, 429, "too-many-requests");
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(responses).allSatisfy((response) -> assertThat(response.statusCode()).isIn(401, 429));
	}

}
