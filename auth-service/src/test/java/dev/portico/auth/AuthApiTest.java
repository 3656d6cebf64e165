package dev.portico.auth;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.launcher.otp.Totp;
import dev.portico.test.LocalServer;
import dev.portico.test.TestKeycloak;
import dev.portico.test.WithKafka;
import dev.portico.test.WithKeycloak;
import dev.portico.test.WithPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * auth-service on the real Keycloak of this test JVM, real PostgreSQL and GreenMail.
 * Every test makes its own users and calls from its own client address (through
 * {@code X-Forwarded-For}, which the service trusts from loopback), so tests do not share
 * lockouts or rate limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPostgres
@WithKafka
@WithKeycloak
public abstract class AuthApiTest {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	private Environment environment;

	/** A client address of its own for each test instance. */
	protected final String clientAddress = "198.51." + (ADDRESSES.get() / 250) + "."
			+ (ADDRESSES.incrementAndGet() % 250 + 1);

	protected HttpResponse<String> post(String path, Object body, String... headers) {
		return postFrom(this.clientAddress, path, body, headers);
	}

	/** As a client at another address would. */
	protected HttpResponse<String> postFrom(String address, String path, Object body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(LocalServer.of(this.environment).url(path))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", address)
			.POST(HttpRequest.BodyPublishers
				.ofString((body instanceof String text) ? text : JSON.writeValueAsString(body)));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return LocalServer.of(this.environment).send(request);
	}

	protected HttpResponse<String> get(String path, String... headers) {
		return LocalServer.of(this.environment).get(path, headers);
	}

	protected HttpResponse<String> loginFrom(String address, String username, String password) {
		return postFrom(address, "/api/auth/login",
				JSON.createObjectNode().put("username", username).put("password", password));
	}

	/** A client address no other test uses. */
	protected static String anotherAddress() {
		return "203.0." + (ADDRESSES.get() / 250) + "." + (ADDRESSES.incrementAndGet() % 250 + 1);
	}

	protected HttpResponse<String> login(String username, String password) {
		return post("/api/auth/login", JSON.createObjectNode().put("username", username).put("password", password));
	}

	protected static ObjectNode object() {
		return JSON.createObjectNode();
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	protected static String bearer(String accessToken) {
		return "Bearer " + accessToken;
	}

	/**
	 * A customer of its own: user name, e-mail, password and account id unique to the
	 * call.
	 */
	protected static TestUser customer() {
		String name = "user-" + UUID.randomUUID().toString().substring(0, 8);
		TestUser user = new TestUser(name, name + "@portico.test", "Correct#Horse-2026", UUID.randomUUID(), null);
		TestKeycloak.createUser(user.username(), user.email(), user.password(), user.accountId(), "customer");
		return user;
	}

	/** A customer who turned on two-step sign-in: an authenticator app is set up. */
	protected static TestUser customerWithAuthenticator() {
		String name = "user-" + UUID.randomUUID().toString().substring(0, 8);
		String secret = newTotpSecret();
		TestUser user = new TestUser(name, name + "@portico.test", "Correct#Horse-2026", UUID.randomUUID(),
				Totp.ofStoredSecret(secret));
		TestKeycloak.createUser(user.username(), user.email(), user.password(), secret, user.accountId(), "customer");
		return user;
	}

	/** An ops user with an authenticator app set up, as ops must have to sign in. */
	protected static TestUser ops() {
		String name = "ops-" + UUID.randomUUID().toString().substring(0, 8);
		String secret = newTotpSecret();
		TestUser user = new TestUser(name, name + "@portico.test", "Ops-Staff#2026", null, Totp.ofStoredSecret(secret));
		TestKeycloak.createUser(user.username(), user.email(), user.password(), secret, null, "ops");
		return user;
	}

	/** An ops user who has not set up an authenticator app yet. */
	protected static TestUser opsWithoutAuthenticator() {
		String name = "ops-" + UUID.randomUUID().toString().substring(0, 8);
		TestUser user = new TestUser(name, name + "@portico.test", "Ops-Staff#2026", null, null);
		TestKeycloak.createUser(user.username(), user.email(), user.password(), null, "ops");
		return user;
	}

	private static String newTotpSecret() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	protected HttpResponse<String> login(String username, String password, String otp) {
		return post("/api/auth/login",
				JSON.createObjectNode().put("username", username).put("password", password).put("otp", otp));
	}

	/**
	 * @param totp the authenticator app of the user, or null if none is set up
	 */
	protected record TestUser(String username, String email, String password, UUID accountId, Totp totp) {

		/** A code the realm accepts now and no sign-in of this user has spent. */
		public String freshCode() {
			return this.totp.freshCode();
		}

		/** Six digits the realm does not accept now; spends none of the fresh ones. */
		public String wrongCode() {
			return this.totp.wrongCode();
		}

	}

}
