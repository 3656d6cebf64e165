package dev.portico.gateway.routing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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
 * One caller holds at most its share of a service's places: with four places and a share of one half, a client that
 * sends five calls at once to a service that never answers gets two in and three {@code 429} problems at once, and
 * another client still gets the other two places.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.gateway.server.webflux.httpclient.response-timeout=3s",
				"portico.gateway.concurrency.limit=4", "portico.gateway.concurrency.user-share=0.5",
				"portico.gateway.concurrency.max-waiting=0" })
class UserShareTest {

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
	void aCallerPastItsShareIsTooManyRequestsAtOnceWhileOthersStillGetIn() throws Exception {
		LocalServer gateway = LocalServer.of(this.environment);
		try (HttpClient client = HttpClient.newHttpClient()) {
			List<CompletableFuture<HttpResponse<String>>> greedy = IntStream.range(0, 5)
				.mapToObj((i) -> client.sendAsync(login(gateway, "203.0.113.1"), HttpResponse.BodyHandlers.ofString()))
				.toList();
			awaitAccepted(2);
			Thread.sleep(1000);
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
				.mapToObj((i) -> client.sendAsync(login(gateway, "203.0.113.2"), HttpResponse.BodyHandlers.ofString()))
				.toList();
			awaitAccepted(4);
			assertThat(SILENT.accepted()).as("the other client's calls reached the service").isEqualTo(4);
			for (CompletableFuture<HttpResponse<String>> call : other) {
				assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).as("the service's own timeout").isEqualTo(503);
			}
		}
	}

	private static void awaitAccepted(int calls) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (SILENT.accepted() < calls && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
	}

	private static HttpRequest login(LocalServer gateway, String client) {
		// The gateway believes loopback's X-Forwarded-For (a trusted proxy by default): two clients from one test.
		return HttpRequest.newBuilder(gateway.url("/api/auth/login"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", client)
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"x\"}"))
			.build();
	}

}
