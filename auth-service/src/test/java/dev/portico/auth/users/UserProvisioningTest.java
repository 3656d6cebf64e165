package dev.portico.auth.users;

import java.net.http.HttpResponse;
import java.util.UUID;

import dev.portico.auth.AuthApiTest;
import dev.portico.auth.Mailbox;
import dev.portico.test.ProblemAssertions;
import dev.portico.test.TestKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class UserProvisioningTest extends AuthApiTest {

	private String opsToken;

	@BeforeEach
	void signInAsOps() {
		TestUser ops = ops();
		this.opsToken = TestKeycloak.accessToken(ops.username(), ops.password(), ops.freshCode());
	}

	@Test
	void opsCreatesACustomerWhoCanLogIn() {
		ObjectNode body = newUser().put("password", "Provisioned#2026");
		HttpResponse<String> created = create(body, this.opsToken);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode user = json(created);
		assertThat(user.path("userId").asString()).isNotBlank();
		assertThat(user.path("username").asString()).isEqualTo(body.path("username").asString());
		assertThat(user.path("email").asString()).isEqualTo(body.path("email").asString());
		assertThat(user.path("accountId").asString()).isEqualTo(body.path("accountId").asString());
		assertThat(user.path("roles").toString()).isEqualTo("[\"customer\"]");
		assertThat(created.headers().firstValue("Location"))
			.hasValue("/api/auth/users/" + user.path("userId").asString());

		HttpResponse<String> read = get("/api/auth/users/" + user.path("userId").asString(), "Authorization",
				bearer(this.opsToken));
		assertThat(json(read).path("roles").toString()).isEqualTo("[\"customer\"]");

		HttpResponse<String> login = login(body.path("username").asString(), "Provisioned#2026");
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		JsonNode me = json(get("/api/auth/me", "Authorization", bearer(json(login).path("accessToken").asString())));
		assertThat(me.path("accountId").asString()).isEqualTo(body.path("accountId").asString());
		assertThat(me.path("roles").toString()).contains("customer");
	}

	@Test
	void duplicateUsernameOrEmailIsAConflict() {
		ObjectNode body = newUser().put("password", "Provisioned#2026");
		assertThat(create(body, this.opsToken).statusCode()).isEqualTo(201);
		ProblemAssertions.assertProblem(
				create(body.deepCopy().put("email", "other-" + body.path("email").asString()), this.opsToken), 409,
				"user-exists");
		ProblemAssertions.assertProblem(
				create(body.deepCopy().put("username", body.path("username").asString() + "x"), this.opsToken), 409,
				"user-exists");
	}

	@Test
	void customersMayNotProvisionWhateverTheyPost() {
		TestUser customer = customer();
		String token = TestKeycloak.accessToken(customer.username(), customer.password());
		ProblemAssertions.assertProblem(create(newUser().put("password", "Provisioned#2026"), token), 403, "forbidden");
		ProblemAssertions.assertProblem(create(object(), token), 403, "forbidden");
		ProblemAssertions.assertProblem(post("/api/auth/users", newUser()), 401, "unauthenticated");
	}

	@Test
	void badBodiesAreValidationProblemsAndAWeakPasswordCreatesNobody() {
		JsonNode invalid = ProblemAssertions.assertProblem(create(
				object().put("username", "a b").put("email", "nope").put("accountId", UUID.randomUUID().toString()),
				this.opsToken), 422, "validation-failed");
		assertThat(invalid.path("errors").toString()).contains("username", "email");
		ProblemAssertions.assertProblem(create(newUser().put("accountId", "not-a-uuid"), this.opsToken), 400,
				"malformed-request");
		ProblemAssertions.assertProblem(
				create(newUser().put("password", "Provisioned#2026").put("temporaryPassword", "Temporary#2026"),
						this.opsToken),
				422, "validation-failed");

		ObjectNode body = newUser().put("password", "short");
		JsonNode weak = ProblemAssertions.assertProblem(create(body, this.opsToken), 422, "weak-password");
		assertThat(weak.path("errors").get(0).path("field").asString()).isEqualTo("password");
		assertThat(create(body.put("password", "Long-Enough#2026"), this.opsToken).statusCode()).isEqualTo(201);
	}

	@Test
	void aTemporaryPasswordMustBeChangedBeforeThePasswordLoginWorks() {
		ObjectNode body = newUser().put("temporaryPassword", "Temporary#2026");
		assertThat(create(body, this.opsToken).statusCode()).isEqualTo(201);
		ProblemAssertions.assertProblem(login(body.path("username").asString(), "Temporary#2026"), 403,
				"password-change-required");
	}

	@Test
	void withoutAPasswordTheUserIsMailedASetPasswordLink() {
		ObjectNode body = newUser();
		assertThat(create(body, this.opsToken).statusCode()).isEqualTo(201);
		String token = Mailbox.awaitToken(body.path("email").asString(), 1);
		assertThat(
				post("/api/auth/password/reset", object().put("token", token).put("newPassword", "First#Password-2026"))
					.statusCode())
			.isEqualTo(204);
		assertThat(login(body.path("username").asString(), "First#Password-2026").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> create(ObjectNode body, String token) {
		return post("/api/auth/users", body, "Authorization", bearer(token));
	}

	private static ObjectNode newUser() {
		String name = "new-" + UUID.randomUUID().toString().substring(0, 8);
		return object().put("username", name)
			.put("email", name + "@portico.test")
			.put("accountId", UUID.randomUUID().toString());
	}

}
