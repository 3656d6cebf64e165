package dev.portico.gateway.routing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.portico.test.LocalServer;
import dev.portico.test.ProblemAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service that takes the connection and never answers, behind the gateway's limits: the
 * route's timeout, its places, and one caller's share of them.
 */
class SilentServiceTest {

	private static final SilentServer SILENT = new SilentServer();

	@AfterAll
	static void stopSilentServer() throws IOException {
		SILENT.close();
	}

	/**
	 * For both contexts below: nested test classes inherit their enclosing class's
	 * configuration.
	 */
	@DynamicPropertySource
	static void authNeverAnswers(DynamicPropertyRegistry registry) {
		registry.add("portico.gateway.services.auth", () -> "http://127.0.0.1:" + SILENT.port());
	}

	private static void awaitAccepted(int calls) {
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> SILENT.accepted() >= calls);
	}

	private static HttpRequest login(LocalServer gateway, String client) {
		// The gateway believes loopback's X-Forwarded-For (a trusted proxy by default):
		// several clients from one test.
		return HttpRequest.newBuilder(gateway.url("/api/auth/login"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", client)
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"x\"}"))
			.build();
	}

	/**
	 * The route's timeout (the HTTP client's response timeout) ends the call, and the
	 * route's circuit breaker turns it into the 503 problem, instead of the client
	 * hanging; and while it holds the route's only place, the next call is refused at
	 * once (no one may wait here).
	 */
	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
					"portico.gateway.concurrency.limit=1", "portico.gateway.concurrency.max-waiting=0" })
	class WithOnePlace {

		@Autowired
		private Environment environment;

		@Test
		void aServiceThatDoesNotAnswerInTimeIsAServiceUnavailableProblem() {
			long started = System.nanoTime();
			HttpResponse<String> response = LocalServer.of(this.environment)
				.postJson("/api/auth/login", "{\"username\":\"alice\",\"password\":\"x\"}");
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
			ProblemAssertions.assertProblem(response, 503, "service-unavailable");
			assertThat(SILENT.accepted()).as("the request reached the service").isPositive();
			assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(5));
		}

		@Test
		void aCallBeyondTheRoutesLimitIsAServiceUnavailableProblemAtOnce() throws Exception {
			LocalServer gateway = LocalServer.of(this.environment);
			int before = SILENT.accepted();
			CompletableFuture<HttpResponse<String>> first;
			try (HttpClient client = HttpClient.newHttpClient()) {
				first = client.sendAsync(login(gateway, "203.0.113.8"), HttpResponse.BodyHandlers.ofString());
				awaitAccepted(before + 1);
				assertThat(SILENT.accepted()).as("the first call holds the route's place").isGreaterThan(before);

				long started = System.nanoTime();
				// From another client, so that it is the route's limit that refuses it,
				// not the first caller's share.
				HttpResponse<String> second = client.send(login(gateway, "203.0.113.9"),
						HttpResponse.BodyHandlers.ofString());
				Duration took = Duration.ofNanos(System.nanoTime() - started);

				assertThat(second.statusCode()).isEqualTo(503);
				ProblemAssertions.assertProblem(second, 503, "service-unavailable");
				assertThat(took).isLessThan(Duration.ofMillis(800));
				assertThat(SILENT.accepted()).as("the second call never reached the service").isEqualTo(before + 1);
				assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
			}
		}

	}

	/**
	 * One caller holds at most its share of a service's places: with four places and a
	 * share of one half, a client that sends five calls at once gets two in and three
	 * {@code 429} problems at once, and another client still gets the other two places.
	 */
	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.cloud.gateway.server.webflux.httpclient.response-timeout=3s",
					"portico.gateway.concurrency.limit=4", "portico.gateway.concurrency.user-share=0.5",
					"portico.gateway.concurrency.max-waiting=0" })
	class WithFourPlacesHalfEach {

		@Autowired
		private Environment environment;

		@Test
		void aCallerPastItsShareIsTooManyRequestsAtOnceWhileOthersStillGetIn() throws Exception {
			LocalServer gateway = LocalServer.of(this.environment);
			int before = SILENT.accepted();
			try (HttpClient client = HttpClient.newHttpClient()) {
				List<CompletableFuture<HttpResponse<String>>> greedy = IntStream.range(0, 5)
					.mapToObj((i) -> client.sendAsync(login(gateway, "203.0.113.1"),
							HttpResponse.BodyHandlers.ofString()))
					.toList();
				awaitAccepted(before + 2);
				// The three past the share are answered at once; the two let in wait for
				// the service's timeout (3 s).
				await().atMost(Duration.ofSeconds(2))
					.until(() -> greedy.stream().filter(CompletableFuture::isDone).count() >= 3);
				List<HttpResponse<String>> refused = greedy.stream()
					.filter(CompletableFuture::isDone)
					.map(CompletableFuture::join)
					.toList();
				assertThat(refused).as("answered before the service's timeout: the calls past the share").hasSize(3);
				for (HttpResponse<String> answer : refused) {
					ProblemAssertions.assertProblem(answer, 429, "too-many-requests");
					assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
				}

				List<CompletableFuture<HttpResponse<String>>> other = IntStream.range(0, 2)
					.mapToObj((i) -> client.sendAsync(login(gateway, "203.0.113.2"),
							HttpResponse.BodyHandlers.ofString()))
					.toList();
				awaitAccepted(before + 4);
				assertThat(SILENT.accepted()).as("the other client's calls reached the service").isEqualTo(before + 4);
				for (CompletableFuture<HttpResponse<String>> call : other) {
					assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).as("the service's own timeout")
						.isEqualTo(503);
				}
			}
		}

	}

	/**
	 * Accepts connections on loopback and holds them open without reading or writing a
	 * byte.
	 */
	private static final class SilentServer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> held = new CopyOnWriteArrayList<>();

		SilentServer() {
			try {
				this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			Thread.ofPlatform().daemon().name("silent-service").start(this::accept);
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int accepted() {
			return this.held.size();
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					this.held.add(this.socket.accept());
				}
				catch (IOException ex) {
					return; // closed
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			for (Socket connection : this.held) {
				connection.close();
			}
		}

	}

}
