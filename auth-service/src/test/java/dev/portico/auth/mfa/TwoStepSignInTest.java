package dev.portico.auth.mfa;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.portico.auth.AuthApiTest;
import dev.portico.test.LocalServer;
import dev.portico.test.ProblemAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API login asks for the same second factor as the sign-in pages: it is no way around
 * two-step sign-in.
 */
class TwoStepSignInTest extends AuthApiTest {

	@Autowired
	private Environment environment;

	@Test
	void opsGiveACodeOnEveryLoginAndCannotTurnItOff() {
		TestUser ops = ops();
		ProblemAssertions.assertProblem(login(ops.username(), ops.password()), 401, "invalid-credentials");
		ProblemAssertions.assertProblem(login(ops.username(), ops.password(), ops.wrongCode()), 401,
				"invalid-credentials");
		HttpResponse<String> signedIn = login(ops.username(), ops.password(), ops.freshCode());
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		String token = json(signedIn).path("accessToken").asString();

		JsonNode status = json(get("/api/auth/mfa", "Authorization", bearer(token)));
		assertThat(status.path("totp").asBoolean()).isTrue();
		assertThat(status.path("required").asBoolean()).isTrue();
		ProblemAssertions.assertProblem(turnOff(token, ops.password(), ops.wrongCode()), 409, "second-factor-required");
		assertThat(login(ops.username(), ops.password(), ops.freshCode()).statusCode()).isEqualTo(200);
	}

	@Test
	void opsWithoutAnAuthenticatorAppAreSentToSetOneUp() {
		TestUser ops = opsWithoutAuthenticator();
		ProblemAssertions.assertProblem(login(ops.username(), ops.password()), 403, "second-factor-setup-required");
		ProblemAssertions.assertProblem(login(ops.username(), "Wrong#Password-2026"), 401, "invalid-credentials");
	}

	@Test
	void aCustomerWhoTurnedItOnGivesTheCodeToLogInAndToChangeThePassword() {
		TestUser user = customerWithAuthenticator();
		ProblemAssertions.assertProblem(login(user.username(), user.password()), 401, "invalid-credentials");
		HttpResponse<String> signedIn = login(user.username(), user.password(), user.freshCode());
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		String token = json(signedIn).path("accessToken").asString();
		JsonNode status = json(get("/api/auth/mfa", "Authorization", bearer(token)));
		assertThat(status.path("totp").asBoolean()).isTrue();
		assertThat(status.path("required").asBoolean()).isFalse();

		JsonNode missing = ProblemAssertions.assertProblem(
				change(token, user.password(), null, "Quiet#Harbour-Lantern"), 400, "one-time-code-required");
		assertThat(missing.path("errors").get(0).path("field").asString()).isEqualTo("otp");
		ProblemAssertions.assertProblem(change(token, user.password(), user.wrongCode(), "Quiet#Harbour-Lantern"), 400,
				"wrong-current-password");
		assertThat(change(token, user.password(), user.freshCode(), "Quiet#Harbour-Lantern").statusCode())
			.isEqualTo(204);
		ProblemAssertions.assertProblem(login(user.username(), "Quiet#Harbour-Lantern"), 401, "invalid-credentials");
	}

	@Test
	void aCustomerTurnsItOffWithPasswordAndCode() {
		TestUser user = customerWithAuthenticator();
		String token = json(login(user.username(), user.password(), user.freshCode())).path("accessToken").asString();

		ProblemAssertions.assertProblem(turnOff(token, "Wrong#Password-2026", user.freshCode()), 400,
				"wrong-current-password");
		ProblemAssertions.assertProblem(turnOff(token, user.password(), user.wrongCode()), 400,
				"wrong-current-password");
		ProblemAssertions.assertProblem(turnOff(token, user.password(), "12ab"), 422, "validation-failed");
		HttpResponse<String> off = turnOff(token, user.password(), user.freshCode());
		assertThat(off.statusCode()).as(off.body()).isEqualTo(204);

		assertThat(json(get("/api/auth/mfa", "Authorization", bearer(token))).path("totp").asBoolean()).isFalse();
		assertThat(login(user.username(), user.password()).statusCode()).isEqualTo(200);
	}

	@Test
	void aCustomerWithoutItLogsInWithThePasswordAndACodeFieldOfOtherDigitsIsRefused() {
		TestUser user = customer();
		String token = json(login(user.username(), user.password())).path("accessToken").asString();
		JsonNode status = json(get("/api/auth/mfa", "Authorization", bearer(token)));
		assertThat(status.path("totp").asBoolean()).isFalse();
		ProblemAssertions.assertProblem(login(user.username(), user.password(), "1234567"), 422, "validation-failed");
		ProblemAssertions.assertProblem(get("/api/auth/mfa"), 401, "unauthenticated");
	}

	private HttpResponse<String> change(String token, String current, String otp, String next) {
		var body = object().put("currentPassword", current).put("newPassword", next);
		if (otp != null) {
			body.put("otp", otp);
		}
		return post("/api/auth/password/change", body, "Authorization", bearer(token));
	}

	private HttpResponse<String> turnOff(String token, String current, String otp) {
		HttpRequest.Builder request = HttpRequest.newBuilder(LocalServer.of(this.environment).url("/api/auth/mfa/totp"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", this.clientAddress)
			.header("Authorization", bearer(token))
			.method("DELETE", HttpRequest.BodyPublishers
				.ofString(JSON.writeValueAsString(object().put("currentPassword", current).put("otp", otp))));
		return LocalServer.of(this.environment).send(request);
	}

}
