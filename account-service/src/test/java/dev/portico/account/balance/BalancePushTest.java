package dev.portico.account.balance;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import dev.portico.account.AccountServiceApplication;
import dev.portico.account.testing.AccountApiTest;
import dev.portico.events.invoice.BalanceChanged;
import dev.portico.events.invoice.InvoicesTopic;
import dev.portico.test.ApiClient;
import dev.portico.test.LocalServer;
import dev.portico.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static dev.portico.account.testing.AccountMother.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who sees a balance change pushed: streams on every replica (two account-service
 * replicas on one database and one consumer group, whichever consumed the event), and the
 * streams of the account's ancestors.
 */
class BalancePushTest extends AccountApiTest {

	@Autowired
	private Environment environment;

	@Autowired
	private KafkaTemplate<String, Object> kafka;

	@Autowired
	private BalanceStreams streams;

	@Test
	void aStreamOnEveryReplicaGetsTheChange() throws Exception {
		UUID account = this.ops.open(account("Bluebird Cafe"));
		try (ConfigurableApplicationContext second = secondReplica()) {
			HttpClient client = HttpClient.newHttpClient();
			try {
				Iterator<String> onFirst = stream(client, LocalServer.of(this.environment), account);
				Iterator<String> onSecond = stream(client, LocalServer.of(second.getEnvironment()), account);
				assertThat(nextData(onFirst).path("cause").asString()).isEqualTo("snapshot");
				assertThat(nextData(onSecond).path("cause").asString()).isEqualTo("snapshot");

				this.kafka
					.send(InvoicesTopic.BALANCES, account.toString(),
							new BalanceChanged(UUID.randomUUID(), Instant.now(), account, BalanceChanged.VERSION, 1,
									"EUR", new BigDecimal("30.00"), BigDecimal.ZERO,
									List.of(new BalanceChanged.OpenInvoice(UUID.randomUUID(),
											LocalDate.parse("2030-01-01"), new BigDecimal("30.00"))),
									BalanceChanged.INVOICE_ISSUED, null))
					.join();

				assertThat(nextData(onFirst).path("balance").asString()).isEqualTo("30.00");
				JsonNode pushed = nextData(onSecond);
				assertThat(pushed.path("balance").asString()).isEqualTo("30.00");
				assertThat(pushed.path("due").asString()).isEqualTo("0.00");
			}
			finally {
				client.shutdownNow();
			}
		}
	}

	@Test
	void aParentWatchingItsStreamSeesItsChildrensChanges() throws Exception {
		UUID parent = this.ops.open(account("Northwind Holdings"));
		UUID child = this.ops.open(account("Northwind Retail").below(parent));
		HttpClient client = HttpClient.newHttpClient();
		try {
			Iterator<String> parentStream = stream(client, LocalServer.of(this.environment), parent);
			assertThat(nextData(parentStream).path("accountId").asString()).isEqualTo(parent.toString());

			this.kafka.send(InvoicesTopic.BALANCES, child.toString(),
					new BalanceChanged(UUID.randomUUID(), Instant.now(), child, BalanceChanged.VERSION, 1, "EUR",
							new BigDecimal("12.00"), BigDecimal.ZERO, List.of(), BalanceChanged.INVOICE_ISSUED, null))
				.join();

			JsonNode pushed = nextData(parentStream);
			assertThat(pushed.path("accountId").asString()).isEqualTo(child.toString());
			assertThat(pushed.path("balance").asString()).isEqualTo("12.00");
		}
		finally {
			client.shutdownNow();
		}
	}

	@Test
	@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aStreamWhoseClientWentAwayDoesNotStopThePushesToTheOthers() throws Exception {
		UUID gone = this.ops.open(account("Gone Away Ltd"));
		UUID watched = this.ops.open(account("Still Watching Ltd"));
		// What Tomcat does when the client went away at the wrong moment: the write
		// fails, and ending the stream with the error fails too, as the container had
		// already ended the request.
		this.streams.register(gone, "gone-user", new SseEmitter() {
			@Override
			public void send(SseEventBuilder builder) throws java.io.IOException {
				throw new java.io.IOException("Broken pipe");
			}

			@Override
			public void completeWithError(Throwable ex) {
				throw new IllegalStateException(
						"A non-container (application) thread attempted to use the AsyncContext");
			}
		});
		HttpClient client = HttpClient.newHttpClient();
		try {
			Iterator<String> watching = stream(client, LocalServer.of(this.environment), watched);
			assertThat(nextData(watching).path("cause").asString()).isEqualTo("snapshot");

			this.kafka.send(InvoicesTopic.BALANCES, gone.toString(), balanceChanged(gone, "5.00")).join();
			// The failed push dropped the stream; only then the next change, which must
			// still be pushed.
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.streams.openStreams(gone) == 0);
			this.kafka.send(InvoicesTopic.BALANCES, watched.toString(), balanceChanged(watched, "7.00")).join();

			assertThat(nextData(watching).path("balance").asString()).isEqualTo("7.00");
		}
		finally {
			client.shutdownNow();
		}
	}

	private static BalanceChanged balanceChanged(UUID account, String balance) {
		return new BalanceChanged(UUID.randomUUID(), Instant.now(), account, BalanceChanged.VERSION, 1, "EUR",
				new BigDecimal(balance), BigDecimal.ZERO, List.of(), BalanceChanged.INVOICE_ISSUED, null);
	}

	/**
	 * The same service once more, on the first one's database, broker and consumer group.
	 */
	private ConfigurableApplicationContext secondReplica() {
		// Command-line arguments: they override application.yml, which the builder's
		// default properties would not.
		return new SpringApplicationBuilder(AccountServiceApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"),
				"--spring.datasource.username=" + this.environment.getProperty("spring.datasource.username"),
				"--spring.datasource.password=" + this.environment.getProperty("spring.datasource.password"),
				"--spring.kafka.bootstrap-servers=" + this.environment.getProperty("spring.kafka.bootstrap-servers"),
				"--portico.security.jwk-set-uri=" + TestTokens.jwkSetUri());
	}

	private static Iterator<String> stream(HttpClient client, LocalServer server, UUID account) throws Exception {
		return client
			.send(HttpRequest.newBuilder(server.url("/api/accounts/" + account + "/events"))
				.header("Authorization", "Bearer " + TestTokens.customer(account))
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofLines())
			.body()
			.iterator();
	}

	private static JsonNode nextData(Iterator<String> lines) {
		while (lines.hasNext()) {
			String line = lines.next();
			if (line.startsWith("data:")) {
				return ApiClient.JSON.readTree(line.substring("data:".length()));
			}
		}
		throw new AssertionError("The stream ended");
	}

}
