package dev.portico.gateway.edge;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.portico.test.LocalServer;
import dev.portico.test.ProblemAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** A small budget, so that the limit shows after a handful of calls from one address. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"portico.gateway.edge.burst-per-user=5", "portico.gateway.edge.requests-per-second-per-user=1",
		"portico.gateway.services.auth=http://127.0.0.1:9", "portico.gateway.services.account=http://127.0.0.1:9",
		"portico.gateway.services.invoice=http://127.0.0.1:9", "portico.gateway.services.payment=http://127.0.0.1:9",
		"portico.gateway.services.usage=http://127.0.0.1:9" })
class PerUserRateLimitTest {

	@Autowired
	private Environment environment;

	@Test
	void callsPastTheBudgetAreTooManyRequestsWithRetryAfter() {
		LocalServer gateway = LocalServer.of(this.environment);
		// At once, so that the one token a second that comes back cannot hide the limit.
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 12)
			.mapToObj((i) -> http.sendAsync(HttpRequest.newBuilder(gateway.url("/api/auth/password/forgot")).build(),
					HttpResponse.BodyHandlers.ofString()))
			.toList();
		List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();
		assertThat(answers).filteredOn((answer) -> answer.statusCode() != 429).hasSizeBetween(5, 7);
		HttpResponse<String> limited = answers.stream()
			.filter((answer) -> answer.statusCode() == 429)
			.findFirst()
			.orElseThrow();
		ProblemAssertions.assertProblem(limited, 429, "too-many-requests");
		assertThat(limited.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 5L));
		assertThat(gateway.get("/v3/api-docs/swagger-config").statusCode()).as("only the API is limited")
			.isEqualTo(200);
	}

}
