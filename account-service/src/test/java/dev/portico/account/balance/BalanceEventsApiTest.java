package dev.portico.account.balance;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.portico.account.testing.AccountApiTest;
import dev.portico.account.testing.Api;
import dev.portico.test.TestTokens;
import dev.portico.test.LocalServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import static dev.portico.account.testing.AccountMother.account;
import static dev.portico.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live balance stream: snapshot on connect, pushed changes, heartbeats, limits and
 * clean-up.
 */
@TestPropertySource(properties = { "portico.accounts.streams.max-per-account=2",
		"portico.accounts.streams.heartbeat=200ms", "portico.accounts.streams.session-check=300ms" })
class BalanceEventsApiTest extends AccountApiTest {

	/**
	 * The tokens whose sessions have ended, as Keycloak would tell (the real check is in
	 * the end-to-end tests).
	 */
	private static final Set<String> ENDED = ConcurrentHashMap.newKeySet();

	private static final AtomicBoolean KEYCLOAK_DOWN = new AtomicBoolean();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	private Environment environment;

	@Autowired
	private BalanceStreams streams;

	private UUID account;

	private String token;

	@BeforeEach
	void openAccount() {
		this.account = this.ops.open(account("Bluebird Cafe"));
		this.token = TestTokens.customer(this.account);
	}

	@Test
	void streamStartsWithTheCurrentBalanceAndCarriesPushedChanges() throws Exception {
		try (Stream stream = connect(this.account, this.token)) {
			assertThat(stream.response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			assertThat(stream.response.headers().firstValue("Cache-Control")).hasValue("no-store");
			JsonNode snapshot = stream.nextEvent("balance");
			assertThat(snapshot.path("accountId").asString()).isEqualTo(this.account.toString());
			assertThat(snapshot.path("balance").asString()).isEqualTo("0.00");
			assertThat(snapshot.path("due").asString()).isEqualTo("0.00");
			assertThat(snapshot.path("currency").asString()).isEqualTo("EUR");
			assertThat(snapshot.path("cause").asString()).isEqualTo("snapshot");

			this.streams.publish(new BalanceEvent(this.account, new BigDecimal("125.40"), new BigDecimal("20.00"),
					"EUR", "PaymentSucceeded"));

			JsonNode pushed = stream.nextEvent("balance");
			assertThat(pushed.path("balance").asString()).isEqualTo("125.40");
			assertThat(pushed.path("cause").asString()).isEqualTo("PaymentSucceeded");
			assertThat(stream.nextLineStartingWith(":")).contains("heartbeat");
		}
	}

	@Test
	void streamsPerAccountAreLimitedAndAClosedOneFreesItsPlace() throws Exception {
		try (Stream first = connect(this.account, this.token); Stream second = connect(this.account, this.token)) {
			first.nextEvent("balance");
			second.nextEvent("balance");
			assertProblem(new Api(LocalServer.of(this.environment), this.token)
				.get("/api/accounts/" + this.account + "/events"), 429, "too-many-requests");
		}
		// The heartbeat finds the closed connections and drops them.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.streams.openStreams(this.account) == 0);
		try (Stream again = connect(this.account, this.token)) {
			assertThat(again.nextEvent("balance").path("cause").asString()).isEqualTo("snapshot");
		}
	}

	@Test
	void someoneElseWatchingTheAccountCannotTakeTheCustomersPlaces() throws Exception {
		String ops = TestTokens.ops();
		try (Stream first = connect(this.account, ops); Stream second = connect(this.account, ops)) {
			first.nextEvent("balance");
			second.nextEvent("balance");
			assertProblem(
					new Api(LocalServer.of(this.environment), ops).get("/api/accounts/" + this.account + "/events"),
					429, "too-many-requests");
			try (Stream customers = connect(this.account, this.token)) {
				assertThat(customers.nextEvent("balance").path("cause").asString()).isEqualTo("snapshot");
			}
		}
	}

	@Test
	@org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
	void aStreamEndsWhenItsTokenExpires() throws Exception {
		java.time.Instant expiresAt = java.time.Instant.now().plusSeconds(3);
		String shortLived = TestTokens.sign("customer-" + this.account, this.account, TestTokens.AUDIENCE, expiresAt,
				"customer");
		try (Stream stream = connect(this.account, shortLived)) {
			stream.nextEvent("balance");
			// Heartbeats until the token's expiry, then the end of the stream (the client
			// reconnects with a new one).
			for (String line = stream.lines.readLine(); line != null; line = stream.lines.readLine()) {
				assertThat(java.time.Instant.now()).isBefore(expiresAt.plusSeconds(5));
			}
			assertThat(java.time.Instant.now()).isAfterOrEqualTo(expiresAt.minusMillis(1500));
		}
	}

	@Test
	void streamOfAnAccountTheCallerMayNotSeeIsNotFound() throws Exception {
		UUID other = this.ops.open(account("Other"));
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(LocalServer.of(this.environment).url("/api/accounts/" + other + "/events"))
				.header("Authorization", "Bearer " + this.token)
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertProblem(response, 404, "account-not-found");
	}

	@Test
	void streamAskedForAsJsonIsNotAcceptableAndSaysSoInJson() throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest
			.newBuilder(LocalServer.of(this.environment).url("/api/accounts/" + this.account + "/events"))
			.header("Authorization", "Bearer " + this.token)
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertProblem(response, 406, "not-acceptable");
	}

	@Test
	@org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
	void aStreamEndsWhenItsSessionEndsWhileTheUsersOtherSessionsKeepTheirs() throws Exception {
		java.time.Instant later = java.time.Instant.now().plusSeconds(600);
		String phone = TestTokens.sign("customer-" + this.account, this.account, TestTokens.AUDIENCE, later,
				"customer");
		String laptop = TestTokens.sign("customer-" + this.account, this.account, TestTokens.AUDIENCE,
				later.plusSeconds(1), "customer");
		try (Stream loggedOut = connect(this.account, phone); Stream stays = connect(this.account, laptop)) {
			loggedOut.nextEvent("balance");
			stays.nextEvent("balance");
			// While Keycloak cannot say, nothing is ended.
			KEYCLOAK_DOWN.set(true);
			ENDED.add(phone);
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(2))
				.until(() -> this.streams.openStreams(this.account) == 2);
			KEYCLOAK_DOWN.set(false);

			java.time.Instant asked = java.time.Instant.now();
			// Heartbeats at most, then the end of the stream.
			for (String line = loggedOut.lines.readLine(); line != null; line = loggedOut.lines.readLine()) {
				assertThat(line).matches("(:.*)?");
			}
			assertThat(Duration.between(asked, java.time.Instant.now())).isLessThan(Duration.ofSeconds(3));
			await().atMost(Duration.ofSeconds(3)).until(() -> this.streams.openStreams(this.account) == 1);
			assertThat(stays.nextLineStartingWith(":")).contains("heartbeat");
		}
		finally {
			ENDED.clear();
			KEYCLOAK_DOWN.set(false);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class KeycloakSessions {

		@Bean
		@Primary
		SessionStatus testSessionStatus() {
			return new SessionStatus() {

				@Override
				public boolean canTell(java.util.List<String> audience) {
					return true;
				}

				@Override
				public boolean ended(String token) {
					if (KEYCLOAK_DOWN.get()) {
						throw new IllegalStateException("Keycloak is down");
					}
					return ENDED.contains(token);
				}

			};
		}

	}

	private Stream connect(UUID accountId, String bearer) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(LocalServer.of(this.environment).url("/api/accounts/" + accountId + "/events"))
			.header("Authorization", "Bearer " + bearer)
			.header("Accept", "text/event-stream")
			.build();
		// A client of its own, so that closing the stream really closes its connection (a
		// shared client may keep it open, and the server would never see the stream go).
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		return new Stream(client, response);
	}

	/** One open event stream, read line by line. */
	private static final class Stream implements AutoCloseable {

		private final HttpClient client;

		private final HttpResponse<InputStream> response;

		private final BufferedReader lines;

		Stream(HttpClient client, HttpResponse<InputStream> response) {
			this.client = client;
			this.response = response;
			this.lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
		}

		JsonNode nextEvent(String name) throws Exception {
			nextLineStartingWith("event:" + name);
			return Api.JSON.readTree(nextLineStartingWith("data:").substring("data:".length()));
		}

		String nextLineStartingWith(String prefix) throws Exception {
			for (String line = this.lines.readLine(); line != null; line = this.lines.readLine()) {
				if (line.startsWith(prefix)) {
					return line;
				}
			}
			throw new AssertionError("Stream ended before a line starting with " + prefix);
		}

		@Override
		public void close() throws Exception {
			this.lines.close();
			this.client.shutdownNow();
		}

	}

}
