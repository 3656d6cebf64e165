package dev.portico.e2e;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.portico.launcher.DemoLogins;
import dev.portico.launcher.Suite;
import dev.portico.launcher.process.Ports;
import dev.portico.test.ApiClient;
import dev.portico.test.FakeStripe;
import dev.portico.test.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.portico.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Paying with Stripe as the processor, across the real suite: a payment-service instance
 * in Stripe mode (its own database, Stripe played by {@link FakeStripe} on loopback,
 * which sends it signed webhooks) beside the suite's simulated one, with the real
 * Keycloak, account-service and invoice-service. Charges, a lost answer reconciled, 3-D
 * Secure settled by webhook, a decline and a refund each reach the customer's balance,
 * and Stripe charges each payment once.
 */
@ExtendWith(E2eSuite.class)
class StripePaymentsIT {

	private static final String INSTANCE = "payment-service-stripe";

	private static final String DATABASE = "payment_stripe";

	private static final String SECRET = "whsec_e2e";

	private static FakeStripe stripe;

	private static ApiClient gateway;

	private static ApiClient ops;

	private static ApiClient instanceAsOps;

	private static ApiClient alice;

	private static UUID account;

	@BeforeAll
	static void aStripeModePaymentServiceAndACustomerWhoOwes() throws Exception {
		Suite suite = E2eSuite.suite();
		createDatabase(suite);
		stripe = new FakeStripe(SECRET, "2025-01-27.acacia");
		int port = Ports.freePorts(1)[0];
		suite.startInstance("payment-service", INSTANCE, port,
				Map.of("PORTICO_PAYMENTS_PROCESSOR", "stripe", "PORTICO_PAYMENTS_STRIPE_SECRET_KEY", "sk_test_e2e",
						"PORTICO_PAYMENTS_STRIPE_WEBHOOK_SECRET", SECRET, "PORTICO_PAYMENTS_STRIPE_APIBASE",
						stripe.url(), "SPRING_DATASOURCE_URL", suite.jdbcUrl(DATABASE), "SPRING_DATASOURCE_USERNAME",
						DATABASE, "SPRING_DATASOURCE_PASSWORD", DATABASE,
						// Its own consumer group: the allocations of its payments must
						// reach it, not the other instance.
						"SPRING_KAFKA_CONSUMER_GROUP_ID", "payment-service-stripe"));
		URI instance = URI.create("http://127.0.0.1:" + port);
		stripe.sendWebhooksTo(instance.resolve("/api/webhooks/stripe").toString());
		gateway = new ApiClient(LocalServer.at(suite.gatewayUrl()), null);
		ops = gateway.as(login("ops", "Ops#2026"));
		instanceAsOps = new ApiClient(LocalServer.at(instance), null).as(login("ops", "Ops#2026"));
		account = createAccount();
		issue("200.00");
		String username = "stripe-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(ops
			.post("/api/auth/users", Map.of("username", username, "email", username + "@portico.test", "accountId",
					account.toString(), "password", "Stripe#2026-pass"))
			.statusCode()).isEqualTo(201);
		alice = new ApiClient(LocalServer.at(instance), null).as(login(username, "Stripe#2026-pass"));
		await().atMost(Duration.ofSeconds(20)).until(() -> balance().compareTo(new BigDecimal("200.00")) == 0);
	}

	@AfterAll
	static void stop() {
		E2eSuite.suite().kill(INSTANCE);
		stripe.stop();
	}

	@Test
	void everyStripeOutcomeReachesTheBalanceAndEachPaymentIsChargedOnce() {
		int before = stripe.charges();
		String visa = card("4242424242424242");

		HttpResponse<String> paid = pay("stripe-1", "40.00", visa);
		assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
		awaitBalance("160.00");

		// Stripe charges, then its answer is lost twice (the request and the SDK's
		// retry): reconciled.
		stripe.failNext(FakeStripe.Fault.ERROR_AFTER_CHARGE, 2);
		HttpResponse<String> lost = pay("stripe-2", "10.00", visa);
		assertThat(lost.statusCode()).as(lost.body()).isEqualTo(202);
		awaitStatus(json(lost).path("paymentId").asString(), "SUCCEEDED");
		awaitBalance("150.00");

		// The bank asks the customer to confirm; Stripe's webhook settles it.
		HttpResponse<String> waiting = pay("stripe-3", "5.00", card("4000002500003155"));
		assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
		String secret = json(waiting).path("nextAction").path("clientSecret").asString();
		stripe.confirmByCustomer(secret.substring(0, secret.indexOf("_secret_")), true);
		awaitStatus(json(waiting).path("paymentId").asString(), "SUCCEEDED");
		awaitBalance("145.00");

		HttpResponse<String> declined = pay("stripe-4", "7.00", card("4000000000000002"));
		assertThat(declined.statusCode()).as(declined.body()).isEqualTo(402);

		assertThat(pay("stripe-1", "40.00", visa).statusCode()).as("a replay").isEqualTo(201);
		assertThat(stripe.charges() - before).as("three payments charged, once each").isEqualTo(3);

		HttpResponse<String> refund = instanceAsOps.post(
				"/api/ops/payments/" + json(paid).path("paymentId").asString() + "/refunds",
				Map.of("amount", "15.00", "reason", "e2e"), "Idempotency-Key", "stripe-refund");
		assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
		awaitBalance("160.00");
		assertThat(json(alice.get("/api/accounts/" + account + "/payments/" + json(paid).path("paymentId").asString()))
			.path("refundedAmount")
			.asString()).isEqualTo("15.00");
	}

	private static String card(String number) {
		HttpResponse<String> saved = alice.post("/api/accounts/" + account + "/payment-methods",
				Map.of("processorToken", stripe.paymentMethod(number)));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
		return json(saved).path("paymentMethodId").asString();
	}

	private static HttpResponse<String> pay(String key, String amount, String card) {
		return alice.post("/api/accounts/" + account + "/payments",
				Map.of("amount", amount, "currency", "USD", "paymentMethodId", card), "Idempotency-Key", key);
	}

	private static void awaitStatus(String paymentId, String status) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> status.equals(
					json(alice.get("/api/accounts/" + account + "/payments/" + paymentId)).path("status").asString()));
	}

	private static void awaitBalance(String amount) {
		await().atMost(Duration.ofSeconds(20)).until(() -> balance().compareTo(new BigDecimal(amount)) == 0);
	}

	/** The balance as the overview shows it, through the gateway. */
	private static BigDecimal balance() {
		return new BigDecimal(json(ops.get("/api/accounts/" + account + "/overview")).path("balance").asString());
	}

	private static UUID createAccount() {
		HttpResponse<String> created = ops.post("/api/accounts",
				Map.of("name", "Stripe Customer " + UUID.randomUUID().toString().substring(0, 6), "currency", "USD",
						"billDay", 1, "contact", Map.of("name", "Stripe", "email", "stripe@portico.test"),
						"billingAddress",
						Map.of("line1", "1 Test Way", "city", "Testville", "postalCode", "12345", "country", "US"),
						"features", Map.of("payments", true, "paymentMethods", true)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return UUID.fromString(json(created).path("accountId").asString());
	}

	private static void issue(String amount) {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		HttpResponse<String> issued = ops.post("/api/invoices", Map.of("accountId", account.toString(), "issueDate",
				today.toString(), "dueDate", today.plusDays(20).toString(), "periodStart",
				today.minusMonths(1).toString(), "periodEnd", today.minusDays(1).toString(), "currency", "USD", "lines",
				List.of(Map.of("description", "Service", "product", "Service", "quantity", "1", "unitPrice", amount))));
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
	}

	/** The Stripe-mode instance's own database, as the suite makes one per service. */
	private static void createDatabase(Suite suite) throws Exception {
		Properties superuser = new Properties();
		superuser.setProperty("user", "postgres");
		try (Connection connection = DriverManager.getConnection(suite.jdbcUrl("postgres"), superuser);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE ROLE " + DATABASE + " LOGIN PASSWORD '" + DATABASE + "'");
			statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + DATABASE);
		}
	}

	private static String login(String username, String password) {
		HttpResponse<String> response = new ApiClient(LocalServer.at(E2eSuite.suite().gatewayUrl()), null)
			.post("/api/auth/login", DemoLogins.loginBody(username, password));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).path("accessToken").asString();
	}

}
