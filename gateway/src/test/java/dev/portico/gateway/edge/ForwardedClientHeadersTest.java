package dev.portico.gateway.edge;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.portico.test.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a service behind the gateway is told about the client: from a trusted proxy (an
 * ingress), the client it names; from anyone else, the caller itself, whatever it wrote
 * into the forwarding headers.
 */
class ForwardedClientHeadersTest {

	private static final HeaderEchoUpstream UPSTREAM = HeaderEchoUpstream.start();

	private static final String PATH = "/api/auth/password/forgot";

	@AfterAll
	static void stopUpstream() {
		UPSTREAM.close();
	}

	static void routeEverythingToTheEcho(DynamicPropertyRegistry registry) {
		for (String service : List.of("auth", "account", "invoice", "payment", "usage", "web")) {
			registry.add("portico.gateway.services." + service, UPSTREAM::url);
		}
	}

	/**
	 * The tests call from loopback, which the gateway trusts as a proxy on its own host
	 * by default.
	 */
	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
			"portico.gateway.edge.burst-per-user=5", "portico.gateway.edge.requests-per-second-per-user=1" })
	class BehindATrustedProxy {

		@Autowired
		private Environment environment;

		@DynamicPropertySource
		static void services(DynamicPropertyRegistry registry) {
			routeEverythingToTheEcho(registry);
		}

		@Test
		void servicesSeeTheClientTheProxyNamedAndTheSchemeAndHostItUsed() {
			HttpResponse<String> echoed = LocalServer.of(this.environment)
				.get(PATH, "X-Forwarded-For", "198.51.100.23, 10.1.2.3", "X-Forwarded-Proto", "https",
						"X-Forwarded-Host", "portal.example.test", "Forwarded", "for=192.0.2.1", "X-Real-IP",
						"192.0.2.2");
			assertThat(echoed.statusCode()).isEqualTo(200);
			// 10.1.2.3 is not a proxy the gateway trusts, so it is the client; what
			// stands left of it is unproven.
			assertThat(echoed.body()).isEqualTo("""
					x-forwarded-for: 10.1.2.3
					x-forwarded-host: portal.example.test
					x-forwarded-port: 443
					x-forwarded-proto: https
					""");
		}

		@Test
		void aProxyThatNamesOnlyTheClientLeavesTheGatewaysOwnSchemeHostAndPort() {
			LocalServer gateway = LocalServer.of(this.environment);
			HttpResponse<String> echoed = gateway.get(PATH, "X-Forwarded-For", "198.51.100.24");
			assertThat(echoed.body()).isEqualTo(theGatewaysOwnSchemeHostAndPort("198.51.100.24", gateway));
		}

		@Test
		void forwardingHeadersThatCouldBreakAUrlAreNotBelieved() {
			LocalServer gateway = LocalServer.of(this.environment);
			HttpResponse<String> echoed = gateway.get(PATH, "X-Forwarded-For", "198.51.100.25", "X-Forwarded-Proto",
					"javascript", "X-Forwarded-Host", "evil.test/path?x=", "X-Forwarded-Port", "99999");
			assertThat(echoed.body()).isEqualTo(theGatewaysOwnSchemeHostAndPort("198.51.100.25", gateway));
		}

		@Test
		void anonymousCallsAreLimitedPerClientNotPerProxy() {
			LocalServer gateway = LocalServer.of(this.environment);
			List<HttpResponse<String>> manyClients = atOnce(gateway, 12, (i) -> "203.0.113." + (10 + i));
			assertThat(manyClients).extracting(HttpResponse::statusCode).containsOnly(200);
			List<HttpResponse<String>> oneClient = atOnce(gateway, 12, (i) -> "203.0.113.99");
			assertThat(oneClient).filteredOn((answer) -> answer.statusCode() == 429).hasSizeGreaterThanOrEqualTo(5);
		}

	}

	/** Loopback is not trusted here, as a client reaching the gateway directly is not. */
	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "portico.gateway.edge.trusted-proxies=10.255.255.1")
	class FromAnUntrustedCaller {

		@Autowired
		private Environment environment;

		@DynamicPropertySource
		static void services(DynamicPropertyRegistry registry) {
			routeEverythingToTheEcho(registry);
		}

		@Test
		void whatTheCallerWroteIsReplacedByWhatTheGatewaySaw() {
			LocalServer gateway = LocalServer.of(this.environment);
			HttpResponse<String> echoed = gateway.get(PATH, "X-Forwarded-For", "198.51.100.26", "X-Forwarded-Proto",
					"https", "X-Forwarded-Host", "portal.example.test", "X-Forwarded-Port", "443", "Forwarded",
					"for=192.0.2.1;proto=https", "X-Real-IP", "192.0.2.2");
			assertThat(echoed.body()).isEqualTo(theGatewaysOwnSchemeHostAndPort("127.0.0.1", gateway));
		}

	}

	/**
	 * What the services are told of a client with this address that reached the gateway
	 * directly.
	 */
	private static String theGatewaysOwnSchemeHostAndPort(String client, LocalServer gateway) {
		return """
				x-forwarded-for: %s
				x-forwarded-host: 127.0.0.1
				x-forwarded-port: %d
				x-forwarded-proto: http
				""".formatted(client, gateway.url("/").getPort());
	}

	private static List<HttpResponse<String>> atOnce(LocalServer gateway, int calls,
			java.util.function.IntFunction<String> forwardedFor) {
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, calls)
			.mapToObj((i) -> http.sendAsync(
					HttpRequest.newBuilder(gateway.url(PATH)).header("X-Forwarded-For", forwardedFor.apply(i)).build(),
					HttpResponse.BodyHandlers.ofString()))
			.toList();
		return answers.stream().map(CompletableFuture::join).toList();
	}

}
