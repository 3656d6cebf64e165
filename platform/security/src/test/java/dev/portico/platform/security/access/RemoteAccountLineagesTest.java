package dev.portico.platform.security.access;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import dev.portico.platform.web.DependencyUnavailable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against a loopback HTTP server that answers the way account-service's lineage endpoint
 * does.
 */
class RemoteAccountLineagesTest {

	final UUID known = UUID.randomUUID();

	final UUID parent = UUID.randomUUID();

	final AtomicInteger calls = new AtomicInteger();

	final AtomicReference<String> authorization = new AtomicReference<>();

	HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void knownAccountIsFetchedOnceThenServedFromTheCache() throws IOException {
		RemoteAccountLineages lineages = lineages(serve());
		for (int i = 0; i < 3; i++) {
			Optional<AccountLineage> lineage = lineages.find(this.known);
			assertThat(lineage).isPresent();
			assertThat(lineage.get().ancestorIds()).containsExactly(this.parent);
			assertThat(lineage.get().features().payments()).isTrue();
		}
		assertThat(this.calls).hasValue(1);
		// The service's own identity, never the caller's token relayed.
		assertThat(this.authorization).hasValue("Bearer service-token");
	}

	@Test
	void unknownAccountIsEmpty() throws IOException {
		assertThat(lineages(serve()).find(UUID.randomUUID())).isEmpty();
	}

	@Test
	void unreachableAccountServiceIsAServiceUnavailableProblemQuickly() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		RemoteAccountLineages lineages = lineages(URI.create("http://127.0.0.1:" + closedPort));
		long started = System.nanoTime();
		assertThatThrownBy(() -> lineages.find(this.known)).isInstanceOf(DependencyUnavailable.class)
			.satisfies((ex) -> assertThat(((DependencyUnavailable) ex).headers()).containsKey("Retry-After"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	private URI serve() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/internal/accounts/", this::answer);
		this.server.start();
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.calls.incrementAndGet();
		this.authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
		String path = exchange.getRequestURI().getPath();
		if (!path.equals("/internal/accounts/" + this.known + "/lineage")) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		byte[] body = ("{\"accountId\":\"" + this.known + "\",\"ancestorIds\":[\"" + this.parent
				+ "\"],\"features\":{\"payments\":true,\"paymentMethods\":false}}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private static RemoteAccountLineages lineages(URI accountService) {
		AccountAccessProperties properties = new AccountAccessProperties(accountService, Duration.ofSeconds(30),
				Duration.ofSeconds(5), 1000, Duration.ofSeconds(1), Duration.ofSeconds(10));
		return new RemoteAccountLineages(new AccountServiceClient(RestClient.builder(), properties,
				CircuitBreaker.ofDefaults("test"), () -> "service-token"), properties);
	}

}
