package dev.portico.auth.password;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.portico.auth.AuthApiTest;
import dev.portico.test.ProblemAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.portico.auth.Mailbox.awaitToken;
import static dev.portico.auth.Mailbox.mailsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PasswordTest extends AuthApiTest {

	@Test
	void changeVerifiesTheCurrentPasswordAndEnforcesThePolicy() {
		TestUser user = customer();
		String accessToken = json(login(user.username(), user.password())).path("accessToken").asString();

		ProblemAssertions.assertProblem(change(accessToken, "Not#The-Password", "Brand-New#Secret-1"), 400,
				"wrong-current-password");
		JsonNode weak = ProblemAssertions.assertProblem(change(accessToken, user.password(), "short"), 422,
				"weak-password");
		assertThat(weak.path("errors").get(0).path("field").asString()).isEqualTo("newPassword");
		assertThat(weak.path("errors").get(0).path("message").asString()).isNotBlank();

		assertThat(change(accessToken, user.password(), "Brand-New#Secret-1").statusCode()).isEqualTo(204);
		assertThat(login(user.username(), "Brand-New#Secret-1").statusCode()).isEqualTo(200);
		ProblemAssertions.assertProblem(login(user.username(), user.password()), 401, "invalid-credentials");
	}

	@Test
	void leakedCommonAndPersonalPasswordsAreRefusedOnChangeAndReset() throws Exception {
		TestUser user = customer();
		String accessToken = json(login(user.username(), user.password())).path("accessToken").asString();
		// Each passes Keycloak's policy (length, not the user name) but is among the
		// first guesses of an attacker.
		for (String guessable : new String[] { "Password123!", "Qwertyuiop123", user.username() + "-2026",
				"Portico#2026" }) {
			JsonNode weak = ProblemAssertions.assertProblem(change(accessToken, user.password(), guessable), 422,
					"weak-password");
			assertThat(weak.path("errors").get(0).path("field").asString()).isEqualTo("newPassword");
			assertThat(weak.path("errors").get(0).path("message").asString()).contains("guess");
		}
		assertThat(login(user.username(), user.password()).statusCode()).as("the password is unchanged").isEqualTo(200);

		assertThat(post("/api/auth/password/forgot", object().put("usernameOrEmail", user.email())).statusCode())
			.isEqualTo(202);
		String token = awaitToken(user.email(), 1);
		ProblemAssertions.assertProblem(reset(token, "Sunshine2026!"), 422, "weak-password");
		ProblemAssertions.assertProblem(reset(token, user.email()), 422, "weak-password");
		assertThat(reset(token, "Quiet#Harbour-Lantern").statusCode()).isEqualTo(204);
	}

	@Test
	void changeNeedsAToken() {
		ProblemAssertions.assertProblem(
				post("/api/auth/password/change", object().put("currentPassword", "a").put("newPassword", "b")), 401,
				"unauthenticated");
	}

	@Test
	void forgotAnswersTheSameForUnknownUsersAndMailsNothing() {
		String nobody = "nobody-" + System.nanoTime() + "@portico.test";
		HttpResponse<String> response = post("/api/auth/password/forgot", object().put("usernameOrEmail", nobody));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).isEmpty();
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> mailsTo(nobody).isEmpty());
	}

	@Test
	void forgotMailsASingleUseLinkThatResetsThePassword() throws Exception {
		TestUser user = customer();
		assertThat(post("/api/auth/password/forgot", object().put("usernameOrEmail", user.username())).statusCode())
			.isEqualTo(202);
		String first = awaitToken(user.email(), 1);
		assertThat(post("/api/auth/password/forgot", object().put("usernameOrEmail", user.email())).statusCode())
			.isEqualTo(202);
		String second = awaitToken(user.email(), 2);
		assertThat(second).isNotEqualTo(first);

		JsonNode weak = ProblemAssertions.assertProblem(reset(second, "short"), 422, "weak-password");
		assertThat(weak.path("errors").get(0).path("field").asString()).isEqualTo("newPassword");
		// A refused password leaves the token usable.
		assertThat(reset(second, "Reset#Password-2026").statusCode()).isEqualTo(204);
		ProblemAssertions.assertProblem(reset(second, "Another#Password-2026"), 400, "invalid-reset-token");
		// The older link was spent by the reset too.
		ProblemAssertions.assertProblem(reset(first, "Another#Password-2026"), 400, "invalid-reset-token");
		ProblemAssertions.assertProblem(reset("A".repeat(43), "Another#Password-2026"), 400, "invalid-reset-token");

		assertThat(login(user.username(), "Reset#Password-2026").statusCode()).isEqualTo(200);
	}

	@Test
	void aLockedUserCannotChangeThePasswordButAResetLiftsTheLock() {
		TestUser user = customer();
		String accessToken = json(login(user.username(), user.password())).path("accessToken").asString();
		// Keycloak's backstop: 30 failures, from more addresses than one (each address is
		// locked after 5).
		for (int address = 0; address < 8; address++) {
			String from = anotherAddress();
			for (int attempt = 1; attempt <= 4; attempt++) {
				loginFrom(from, user.username(), "Wrong#Password-" + attempt);
			}
		}
		ProblemAssertions.assertProblem(change(accessToken, user.password(), "Brand-New#Secret-1"), 429,
				"account-locked");

		assertThat(post("/api/auth/password/forgot", object().put("usernameOrEmail", user.email())).statusCode())
			.isEqualTo(202);
		assertThat(reset(awaitToken(user.email(), 1), "After#Lockout-2026").statusCode()).isEqualTo(204);
		assertThat(login(user.username(), "After#Lockout-2026").statusCode()).isEqualTo(200);
	}

	@Test
	void aResetLiftsTheLockoutOfTheNameAtTheUsersOwnAddress() {
		TestUser user = customer();
		for (int attempt = 1; attempt <= 5; attempt++) {
			login(user.username(), "Wrong#Password-" + attempt);
		}
		ProblemAssertions.assertProblem(login(user.username(), user.password()), 429, "account-locked");

		assertThat(post("/api/auth/password/forgot", object().put("usernameOrEmail", user.email())).statusCode())
			.isEqualTo(202);
		assertThat(reset(awaitToken(user.email(), 1), "After#Lockout-2026").statusCode()).isEqualTo(204);
		assertThat(login(user.username(), "After#Lockout-2026").statusCode()).isEqualTo(200);
	}

	@Test
	void changingThePasswordEndsEveryOtherSessionButNotTheCallers() {
		TestUser user = customer();
		JsonNode phone = json(login(user.username(), user.password()));
		JsonNode laptop = json(login(user.username(), user.password()));

		assertThat(change(phone.path("accessToken").asString(), user.password(), "Changed#Secret-2026").statusCode())
			.isEqualTo(204);

		ProblemAssertions.assertProblem(refresh(laptop), 401, "invalid-refresh-token");
		assertThat(refresh(phone).statusCode()).as("the session that changed it stays").isEqualTo(200);
	}

	@Test
	void resettingThePasswordEndsEverySession() throws Exception {
		TestUser user = customer();
		JsonNode session = json(login(user.username(), user.password()));
		assertThat(post("/api/auth/password/forgot", object().put("usernameOrEmail", user.email())).statusCode())
			.isEqualTo(202);

		assertThat(reset(awaitToken(user.email(), 1), "After#Reset-2026").statusCode()).isEqualTo(204);

		ProblemAssertions.assertProblem(refresh(session), 401, "invalid-refresh-token");
	}

	private HttpResponse<String> refresh(JsonNode tokens) {
		return post("/api/auth/refresh", object().put("refreshToken", tokens.path("refreshToken").asString()));
	}

	private HttpResponse<String> change(String accessToken, String current, String next) {
		return post("/api/auth/password/change", object().put("currentPassword", current).put("newPassword", next),
				"Authorization", bearer(accessToken));
	}

	private HttpResponse<String> reset(String token, String newPassword) {
		return post("/api/auth/password/reset", object().put("token", token).put("newPassword", newPassword));
	}

}
