package dev.portico.e2e;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.launcher.DemoLogins;
import dev.portico.launcher.Suite;
import dev.portico.launcher.process.Ports;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payments under every fault, on the real suite: customers pay back to back (each payment
 * under its own Idempotency-Key, retried with that key on 5xx, 409, 429 and broken
 * connections, as the contract asks) while services are SIGKILLed at random points,
 * PostgreSQL and Kafka are stopped for a minute each, a second payment-service instance
 * serves part of the customers, and the processor answers slowly, loses its answers or
 * never answers. Then every key must be answered with its outcome, no payment lost or
 * doubled (one payment per key, one charge at the processor per succeeded payment and
 * none for a failed one), every balance equal to what was invoiced less the payments that
 * succeeded, and every succeeded payment allocated in full.
 * <p>
 * Runs last of the end-to-end tests ({@link ClassOrderer.OrderAnnotation}): it stops and
 * starts what the others use. {@code -Dportico.faults.payments} sets how many payments at
 * least (default 1,000).
 */
@ExtendWith(E2eSuite.class)
@Order(Integer.MAX_VALUE)
class PaymentFaultsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private static final int CUSTOMERS = 10;

	/** Of the customers, these pay with a card the processor declines. */
	private static final int DECLINED = 2;

	private static final int MIN_PAYMENTS = Integer.getInteger("portico.faults.payments", 1000);

	private static final BigDecimal INVOICED = new BigDecimal("1000000.00");

	private static final String SECOND = "payment-service-2";

	private final Suite suite = E2eSuite.suite();

	private final Random random = new Random();

	private final AtomicBoolean paying = new AtomicBoolean(true);

	private final List<String> faults = new ArrayList<>();

	/**
	 * Key → the outcome finally answered (201 or 402 with its payment id); keys still
	 * unanswered are absent.
	 */
	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	/** Every key sent, with the customer and amount it was sent for. */
	private final Map<String, Sent> sent = new ConcurrentHashMap<>();

	private final AtomicInteger retries = new AtomicInteger();

	private volatile URI secondInstance;

	private String opsToken;

	@Test
	void noPaymentIsLostOrDoubledAndEveryKeyIsAnsweredWhateverFails() throws Exception {
		this.opsToken = login("ops", "Ops#2026");
		List<Customer> customers = new ArrayList<>();
		for (int i = 0; i < CUSTOMERS; i++) {
			customers.add(customer(i, i < DECLINED));
		}
		ExecutorService pool = Executors.newFixedThreadPool(CUSTOMERS);
		List<Future<?>> payers = new ArrayList<>();
		for (Customer customer : customers) {
			payers.add(pool.submit(() -> payBackToBack(customer)));
		}
		try {
			injectFaults();
			// Enough payments in all: the faults are over, customers go on paying until
			// the figure is reached.
			while (this.sent.size() < MIN_PAYMENTS) {
				Thread.sleep(500);
			}
		}
		finally {
			this.paying.set(false);
			for (Future<?> payer : payers) {
				payer.get();
			}
			pool.shutdownNow();
		}

		// Every key is answered with its outcome within 60 s of the last fault's end (its
		// service ready again), asked again with the same key and body as a client would.
		long faultsOver = System.nanoTime();
		long deadline = faultsOver + Duration.ofSeconds(60).toNanos();
		for (Sent payment : this.sent.values()) {
			while (!this.answers.containsKey(payment.key()) && System.nanoTime() < deadline) {
				attempt(payment);
				if (!this.answers.containsKey(payment.key())) {
					Thread.sleep(500);
				}
			}
		}
		List<String> unanswered = this.sent.keySet().stream().filter((key) -> !this.answers.containsKey(key)).toList();
		double lastAnswerSeconds = (System.nanoTime() - faultsOver) / 1e9;

		Totals totals = verify(customers);
		System.out.printf(
				"FAULTS: %d payments (%d succeeded, %d declined) across %d injected faults %s; %d retries; "
						+ "lost %d, doubled %d, unanswered %d (the last key answered %.1f s after the faults ended)%n",
				this.sent.size(), totals.succeeded(), totals.failed(), this.faults.size(), this.faults,
				this.retries.get(), totals.lost(), totals.doubled(), unanswered.size(), lastAnswerSeconds);
		assertThat(unanswered).as("keys without their outcome").isEmpty();
		assertThat(totals.lost()).as("lost payments").isZero();
		assertThat(totals.doubled()).as("doubled payments").isZero();
		assertThat(this.faults).hasSizeGreaterThanOrEqualTo(10);
		assertThat(this.sent).hasSizeGreaterThanOrEqualTo(MIN_PAYMENTS);
	}

	/** The faults, one after the other, with customers paying throughout. */
	private void injectFaults() throws Exception {
		fault("SIGKILL payment-service", () -> killAndRestart("payment-service"));
		fault("processor slow (2 s a call) for 20 s",
				() -> processorFor("{\"latencyMs\":2000,\"failureMode\":\"NONE\"}", 20));
		fault("SIGKILL invoice-service", () -> killAndRestart("invoice-service"));
		fault("processor never answering for 25 s",
				() -> processorFor("{\"latencyMs\":50,\"failureMode\":\"NO_ANSWER\"}", 25));
		fault("PostgreSQL stopped 60 s", () -> infraDown("postgres", 60));
		fault("second payment-service instance", () -> {
			int port = Ports.freePorts(1)[0];
			this.suite.startInstance("payment-service", SECOND, port);
			this.secondInstance = URI.create("http://127.0.0.1:" + port);
		});
		fault("SIGKILL account-service", () -> killAndRestart("account-service"));
		fault("Kafka stopped 60 s", () -> infraDown("kafka", 60));
		fault("processor losing answers after charging for 15 s",
				() -> processorFor("{\"latencyMs\":50,\"failureMode\":\"TIMEOUT_AFTER_CHARGE\"}", 15));
		fault("SIGKILL the second payment-service instance", () -> {
			this.secondInstance = null;
			this.suite.kill(SECOND);
		});
		fault("processor losing requests before charging for 15 s",
				() -> processorFor("{\"latencyMs\":50,\"failureMode\":\"TIMEOUT_BEFORE_CHARGE\"}", 15));
		fault("SIGKILL payment-service again", () -> killAndRestart("payment-service"));
	}

	private void fault(String name, Step step) throws Exception {
		// Normal traffic between faults, and each one at a random point of it.
		Thread.sleep(3000 + this.random.nextInt(4000));
		System.out
			.println("FAULT " + (this.faults.size() + 1) + ": " + name + " (" + this.sent.size() + " payments so far)");
		step.run();
		this.faults.add(name);
	}

	private void killAndRestart(String service) {
		this.suite.kill(service);
		this.suite.restart(service);
	}

	private void infraDown(String what, int seconds) throws InterruptedException {
		this.suite.infraFault(what + "/stop");
		try {
			Thread.sleep(seconds * 1000L);
		}
		finally {
			this.suite.infraFault(what + "/start");
		}
	}

	/**
	 * The simulated processor of every payment-service instance behaves as
	 * {@code behaviour} says for a while.
	 */
	private void processorFor(String behaviour, int seconds) throws Exception {
		simulators(behaviour);
		try {
			Thread.sleep(seconds * 1000L);
		}
		finally {
			simulators("{\"latencyMs\":50,\"failureMode\":\"NONE\"}");
		}
	}

	private void simulators(String behaviour) throws Exception {
		// Logged in afresh: the faults outlast an access token.
		this.opsToken = login("ops", "Ops#2026");
		List<URI> instances = new ArrayList<>(List.of(this.suite.serviceUrl("payment-service")));
		if (this.secondInstance != null) {
			instances.add(this.secondInstance);
		}
		for (URI instance : instances) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(instance.resolve("/api/ops/payment-simulator"))
				.header("Authorization", "Bearer " + this.opsToken)
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(behaviour)));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
	}

	private void payBackToBack(Customer customer) {
		while (this.paying.get()) {
			BigDecimal amount = BigDecimal.valueOf(1 + this.random.nextInt(500), 2);
			Sent payment = new Sent(UUID.randomUUID().toString(), customer, amount);
			this.sent.put(payment.key(), payment);
			// A customer retries one payment until it has an answer, then pays the next
			// one.
			while (this.paying.get() && !this.answers.containsKey(payment.key())) {
				if (!attempt(payment)) {
					sleep(300);
				}
			}
		}
	}

	/**
	 * One request with the payment's key; true when it was answered with a final outcome.
	 */
	private boolean attempt(Sent payment) {
		Customer customer = payment.customer();
		// Half the customers reach the second instance straight, while it runs, as behind
		// a Service of two pods.
		URI second = this.secondInstance;
		URI base = (second != null && customer.index() % 2 == 1) ? second : this.suite.gatewayUrl();
		String body = "{\"amount\":\"" + payment.amount().toPlainString()
				+ "\",\"currency\":\"USD\",\"paymentMethodId\":\"" + customer.card() + "\"}";
		try {
			HttpResponse<String> response = send(
					HttpRequest.newBuilder(base.resolve("/api/accounts/" + customer.account() + "/payments"))
						.header("Authorization", "Bearer " + customer.token())
						.header("Content-Type", "application/json")
						.header("Idempotency-Key", payment.key())
						.timeout(Duration.ofSeconds(20))
						.POST(HttpRequest.BodyPublishers.ofString(body)));
			int status = response.statusCode();
			if (status == 201 || status == 402) {
				String paymentId = JSON.readTree(response.body()).path("paymentId").asString();
				this.answers.put(payment.key(), new Answer(status, UUID.fromString(paymentId)));
				return true;
			}
			if (status == 401) {
				customer.renew();
			}
			else if (status == 422 || status == 400 || status == 403 || status == 404) {
				throw new AssertionError("a valid payment refused: " + status + " " + response.body());
			}
			// 202 (pending), 409 (in flight), 429, 5xx: asked again with the same key.
		}
		catch (IOException ex) {
			// The service went away mid-request: asked again with the same key.
		}
		this.retries.incrementAndGet();
		return false;
	}

	/** Counts what the database holds against what the customers were answered. */
	private Totals verify(List<Customer> customers) throws Exception {
		long lost = 0;
		long doubled = 0;
		long succeeded = 0;
		long failed = 0;
		try (Connection payments = DriverManager.getConnection(this.suite.jdbcUrl("payment"), "payment", "payment")) {
			for (Customer customer : customers) {
				List<Sent> mine = this.sent.values().stream().filter((p) -> p.customer() == customer).toList();
				Map<UUID, String[]> rows = new LinkedHashMap<>();
				try (PreparedStatement query = payments
					.prepareStatement("SELECT id, status, amount FROM payment WHERE account_id = ?")) {
					query.setObject(1, customer.account());
					try (ResultSet rs = query.executeQuery()) {
						while (rs.next()) {
							rows.put(rs.getObject(1, UUID.class),
									new String[] { rs.getString(2), rs.getBigDecimal(3).toPlainString() });
						}
					}
				}
				// One payment per key: more rows than keys is a double, a key whose
				// payment is missing a loss.
				doubled += Math.max(0, rows.size() - mine.size());
				BigDecimal paid = BigDecimal.ZERO;
				for (Sent payment : mine) {
					Answer answer = this.answers.get(payment.key());
					String[] row = (answer != null) ? rows.get(answer.paymentId()) : null;
					boolean agrees = row != null && new BigDecimal(row[1]).compareTo(payment.amount()) == 0
							&& row[0].equals((answer.status() == 201) ? "SUCCEEDED" : "FAILED");
					if (!agrees) {
						lost++;
						continue;
					}
					if (answer.status() == 201) {
						succeeded++;
						paid = paid.add(payment.amount());
						// Charged once at the processor, for that amount; a failed
						// payment never charged.
						if (count(payments, "SELECT count(*) FROM simulated_charge WHERE reference = ? AND charged "
								+ "AND amount = ?", answer.paymentId().toString(), payment.amount()) != 1) {
							doubled++;
						}
					}
					else {
						failed++;
						if (count(payments, "SELECT count(*) FROM simulated_charge WHERE reference = ? AND charged",
								answer.paymentId().toString(), null) != 0) {
							lost++;
						}
					}
				}
				BigDecimal expected = INVOICED.subtract(paid);
				assertBalanceBecomes(customer, expected);
				assertAllocatedInFull(payments, customer);
			}
		}
		return new Totals(succeeded, failed, lost, doubled);
	}

	private void assertBalanceBecomes(Customer customer, BigDecimal expected) {
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			HttpResponse<String> overview = send(HttpRequest
				.newBuilder(this.suite.gatewayUrl().resolve("/api/accounts/" + customer.account() + "/overview"))
				.header("Authorization", "Bearer " + customer.token()));
			if (overview.statusCode() == 401) {
				customer.renew();
			}
			assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
			assertThat(new BigDecimal(JSON.readTree(overview.body()).path("balance").asString()))
				.as("balance of customer %d: invoiced less what succeeded", customer.index())
				.isEqualByComparingTo(expected);
		});
	}

	private void assertAllocatedInFull(Connection payments, Customer customer) throws Exception {
		String unallocated = """
				SELECT count(*) FROM payment p WHERE p.account_id = ? AND p.status = 'SUCCEEDED'
				AND p.amount <> COALESCE((SELECT sum(a.amount) FROM payment_allocation a WHERE a.payment_id = \
				p.id), 0)""";
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(count(payments, unallocated, customer.account(), null))
				.as("succeeded payments of customer %d not allocated in full", customer.index())
				.isZero());
	}

	private static long count(Connection connection, String sql, Object first, Object second) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			query.setObject(1, first);
			if (second != null) {
				query.setObject(2, second);
			}
			try (ResultSet rs = query.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/** An account owing {@link #INVOICED}, its user and its card. */
	private Customer customer(int index, boolean declined) throws Exception {
		Map<String, Object> account = new LinkedHashMap<>();
		account.put("name", "Faults " + index + " " + UUID.randomUUID().toString().substring(0, 6));
		account.put("currency", "USD");
		account.put("billDay", 1);
		account.put("contact", Map.of("name", "Faults", "email", "faults@portico.test"));
		account.put("billingAddress",
				Map.of("line1", "1 Fault Line", "city", "Testville", "postalCode", "12345", "country", "US"));
		account.put("features", Map.of("payments", true, "paymentMethods", true));
		UUID id = UUID.fromString(ops("POST", "/api/accounts", account).path("accountId").asString());
		LocalDate today = LocalDate.now();
		Map<String, Object> invoice = new LinkedHashMap<>();
		invoice.put("accountId", id.toString());
		invoice.put("issueDate", today.minusDays(1).toString());
		invoice.put("dueDate", today.plusDays(30).toString());
		invoice.put("periodStart", today.minusMonths(1).toString());
		invoice.put("periodEnd", today.minusDays(2).toString());
		invoice.put("currency", "USD");
		invoice.put("lines", List.of(Map.of("description", "Capacity", "product", "capacity", "quantity", "1",
				"unitPrice", INVOICED.toPlainString())));
		ops("POST", "/api/invoices", invoice);
		String username = "faults-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "Faults#2026-pass";
		ops("POST", "/api/auth/users", Map.of("username", username, "email", username + "@portico.test", "accountId",
				id.toString(), "password", password));
		Customer customer = new Customer(index, id, username, password);
		customer.renew();
		String number = declined ? "4000000000000002" : "4242424242424242";
		// As a browser does: the card to the simulated processor's card form, its token
		// to the API.
		HttpResponse<String> token = send(
				HttpRequest.newBuilder(this.suite.gatewayUrl().resolve("/api/payment-simulator/tokens"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"cardNumber\":\"" + number + "\",\"expMonth\":12,\"expYear\":"
								+ (today.getYear() + 3) + ",\"cvc\":\"123\",\"holderName\":\"Fault Tester\"}")));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
		HttpResponse<String> card = send(HttpRequest
			.newBuilder(this.suite.gatewayUrl().resolve("/api/accounts/" + id + "/payment-methods"))
			.header("Authorization", "Bearer " + customer.token())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"processorToken\":\"" + JSON.readTree(token.body()).path("processorToken").asString() + "\"}")));
		assertThat(card.statusCode()).as(card.body()).isEqualTo(201);
		customer.card = JSON.readTree(card.body()).path("paymentMethodId").asString();
		return customer;
	}

	private JsonNode ops(String method, String path, Object body) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(this.suite.gatewayUrl().resolve(path))
			.header("Authorization", "Bearer " + this.opsToken)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(201);
		return JSON.readTree(response.body());
	}

	private String login(String username, String password) throws Exception {
		for (int attempt = 0;; attempt++) {
			try {
				HttpResponse<String> response = send(
						HttpRequest.newBuilder(this.suite.gatewayUrl().resolve("/api/auth/login"))
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString(DemoLogins.loginJson(username, password))));
				if (response.statusCode() == 200) {
					return JSON.readTree(response.body()).path("accessToken").asString();
				}
				if (attempt >= 60) {
					throw new AssertionError(
							"login of " + username + ": " + response.statusCode() + " " + response.body());
				}
			}
			catch (IOException ex) {
				if (attempt >= 60) {
					throw ex;
				}
			}
			// auth-service or its database may be away for a while: a customer tries
			// again.
			Thread.sleep(1000);
		}
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private interface Step {

		void run() throws Exception;

	}

	private record Sent(String key, Customer customer, BigDecimal amount) {
	}

	private record Answer(int status, UUID paymentId) {
	}

	private record Totals(long succeeded, long failed, long lost, long doubled) {
	}

	private final class Customer {

		private final int index;

		private final UUID account;

		private final String username;

		private final String password;

		private volatile String token;

		private volatile String card;

		Customer(int index, UUID account, String username, String password) {
			this.index = index;
			this.account = account;
			this.username = username;
			this.password = password;
		}

		int index() {
			return this.index;
		}

		UUID account() {
			return this.account;
		}

		String card() {
			return this.card;
		}

		String token() {
			return this.token;
		}

		synchronized void renew() {
			try {
				this.token = login(this.username, this.password);
			}
			catch (Exception ex) {
				throw new IllegalStateException("could not log " + this.username + " in again", ex);
			}
		}

	}

}
