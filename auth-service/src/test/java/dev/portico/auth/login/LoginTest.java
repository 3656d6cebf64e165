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

/** Runs on a stopped clock, so that rate-limit buckets do not refill while a slow machine works through a test. */
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
	void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
		TestUser user = customer();
		ProblemAssertions.assertProblem(login(user.username(), "Wrong#Password-1"), 401, "invalid-credentials");
		for (int attempt = 2; attempt <= 5; attempt++) {
			assertThat(login(user.username(), "Wrong#Password-" + attempt).statusCode()).isIn(401, 429);
		}
		HttpResponse<String> locked = login(user.username(), user.password());
		ProblemAssertions.assertProblem(locked, 429, "account-locked");
		long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, Duration.ofMinutes(15).toSeconds());
	}

	@Test
	void tooManyAttemptsForOneUsernameAreRateLimited() {
		String username = "nobody-" + System.nanoTime();
		for (int attempt = 1; attempt <= 10; attempt++) {
			assertThat(login(username, "Wrong#Password-1").statusCode()).isEqualTo(401);
		}
		HttpResponse<String> limited = login(username, "Wrong#Password-1");
		ProblemAssertions.assertProblem(limited, 429, "too-many-requests");
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
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
		// The default limit, 120 a minute, leaves room for the 60 that API.md promises.
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
