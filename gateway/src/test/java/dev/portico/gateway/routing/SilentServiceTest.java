package dev.portico.gateway.routing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.portico.test.LocalServer;
import dev.portico.test.ProblemAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that takes the connection and never answers: the route's timeout (the HTTP client's response timeout)
 * ends the call, and the route's circuit breaker turns it into the 503 problem, instead of the client hanging; and
 * while it holds the route's only place, the next call is refused at once (no one may wait here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
				"portico.gateway.concurrency.limit=1", "portico.gateway.concurrency.max-waiting=0" })
class SilentServiceTest {

	private static final SilentServer SILENT = new SilentServer();

	@Autowired
	private Environment environment;

	@DynamicPropertySource
	static void authNeverAnswers(DynamicPropertyRegistry registry) {
		registry.add("portico.gateway.services.auth", () -> "http://127.0.0.1:" + SILENT.port());
	}

	@AfterAll
	static void stopSilentServer() throws IOException {
		SILENT.close();
	}

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
			first = client.sendAsync(login(gateway), HttpResponse.BodyHandlers.ofString());
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (SILENT.accepted() == before && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(SILENT.accepted()).as("the first call holds the route's place").isGreaterThan(before);

			long started = System.nanoTime();
			// From another client (the gateway believes loopback's X-Forwarded-For), so that it is the route's
			// limit that refuses it, not the first caller's share.
			HttpResponse<String> second = client.send(
					HttpRequest.newBuilder(login(gateway), (name, value) -> true)
						.header("X-Forwarded-For", "203.0.113.9")
						.build(),
					HttpResponse.BodyHandlers.ofString());
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertThat(second.statusCode()).isEqualTo(503);
			ProblemAssertions.assertProblem(second, 503, "service-unavailable");
			assertThat(took).isLessThan(Duration.ofMillis(800));
			assertThat(SILENT.accepted()).as("the second call never reached the service").isEqualTo(before + 1);
			assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
		}
	}

	private static HttpRequest login(LocalServer gateway) {
		return HttpRequest.newBuilder(gateway.url("/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"x\"}"))
			.build();
	}

}
