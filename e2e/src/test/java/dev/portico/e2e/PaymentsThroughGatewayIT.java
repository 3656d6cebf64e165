package dev.portico.e2e;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.launcher.DemoLogins;
import dev.portico.launcher.Suite;
import dev.portico.test.ApiClient;
import dev.portico.test.LocalServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static dev.portico.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Paying across the suite through the gateway: payment-service checks with
 * invoice-service, charges, publishes; invoice-service allocates; account-service's
 * overview shows the new balance within a second.
 */
@ExtendWith(E2eSuite.class)
class PaymentsThroughGatewayIT {

	private static ApiClient anonymous;

	private static ApiClient alice;

	private static UUID holdings;

	@BeforeAll
	static void logIn() {
		Suite suite = E2eSuite.suite();
		anonymous = new ApiClient(LocalServer.at(suite.gatewayUrl()), null);
		alice = anonymous.as(login("alice", "Alice#2026"));
		holdings = UUID.fromString(json(alice.get("/api/auth/me")).path("accountId").asString());
	}

	@Test
	void theDemoPaidItsOldestInvoiceWithItsSavedCard() {
		JsonNode methods = json(alice.get("/api/accounts/" + holdings + "/payment-methods"));
		assertThat(methods.get(0).path("last4").asString()).isEqualTo("4242");
		assertThat(methods.get(0).path("isDefault").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> json(alice.get("/api/accounts/" + holdings + "/invoices?status=paid")).path("page")
				.path("totalElements")
				.asInt() >= 1);
	}

	@Test
	void aPaymentLowersTheOverviewWithinASecondAndIsAllocatedOldestFirst() {
		String method = json(alice.get("/api/accounts/" + holdings + "/payment-methods")).get(0)
			.path("paymentMethodId")
			.asString();
		BigDecimal before = balance();
		String oldestOpen = json(alice.get("/api/accounts/" + holdings + "/invoices?sort=dueDate,asc&size=1"))
			.path("content")
			.get(0)
			.path("number")
			.asString();

		HttpResponse<String> paid = alice.post("/api/accounts/" + holdings + "/payments",
				Map.of("amount", "100.00", "currency", "USD", "paymentMethodId", method), "Idempotency-Key",
				UUID.randomUUID().toString());

		assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> balance().compareTo(before.subtract(new BigDecimal("100.00"))) == 0);
		String location = paid.headers().firstValue("Location").orElseThrow();
		JsonNode allocated = await().atMost(Duration.ofSeconds(10))
			.until(() -> json(alice.get(location)), (payment) -> !payment.path("allocations").isEmpty());
		assertThat(allocated.path("allocations").get(0).path("invoiceNumber").asString()).isEqualTo(oldestOpen);
	}

	/**
	 * One trace from the customer's request to the balance update: the gateway continues
	 * the caller's trace context, payment-service carries it to invoice-service over HTTP
	 * (the open-balance check) and in the PaymentSucceeded record's headers over Kafka,
	 * and invoice-service carries it on in BalanceChanged to the consumer in
	 * account-service that updates the balance.
	 */
	@Test
	void aPaymentIsOneTraceFromTheGatewayToTheBalanceUpdate() {
		String method = json(alice.get("/api/accounts/" + holdings + "/payment-methods")).get(0)
			.path("paymentMethodId")
			.asString();
		String traceId = HexFormat.of().formatHex(randomBytes(16));
		String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";

		HttpResponse<String> paid = alice.post("/api/accounts/" + holdings + "/payments",
				Map.of("amount", "1.00", "currency", "USD", "paymentMethodId", method), "Idempotency-Key",
				UUID.randomUUID().toString(), "traceparent", traceparent);

		assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
		TraceCollector traces = E2eSuite.traces();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<TraceCollector.Span> spans = traces.spansOf(traceId);
			assertThat(spans).as("spans of trace %s", traceId)
				.extracting(TraceCollector.Span::service, TraceCollector.Span::kind)
				.contains(tuple("gateway", "SERVER"), tuple("payment-service", "SERVER"),
						tuple("payment-service", "PRODUCER"), tuple("invoice-service", "SERVER"),
						tuple("invoice-service", "CONSUMER"), tuple("invoice-service", "PRODUCER"),
						tuple("account-service", "CONSUMER"));
		});
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new java.security.SecureRandom().nextBytes(bytes);
		return bytes;
	}

	@Test
	void bobsAccountHasPaymentsSwitchedOff() {
		ApiClient bob = anonymous.as(login("bob", "Bob#2026"));
		String cafe = json(bob.get("/api/auth/me")).path("accountId").asString();

		assertThat(bob.post("/api/accounts/" + cafe + "/payments", Map.of("amount", "1.00"), "Idempotency-Key", "x")
			.statusCode()).isEqualTo(403);
		assertThat(bob.get("/api/accounts/" + cafe + "/payment-methods").statusCode()).isEqualTo(403);
	}

	private static BigDecimal balance() {
		return new BigDecimal(json(alice.get("/api/accounts/" + holdings + "/overview")).path("balance").asString());
	}

	private static String login(String username, String password) {
		HttpResponse<String> response = anonymous.post("/api/auth/login", DemoLogins.loginBody(username, password));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).path("accessToken").asString();
	}

}
