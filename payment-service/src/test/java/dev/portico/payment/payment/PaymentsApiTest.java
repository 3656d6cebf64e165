package dev.portico.payment.payment;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.portico.events.payment.PaymentsTopic;
import dev.portico.payment.feature.Feature;
import dev.portico.payment.processor.simulated.SimulatedProcessor;
import dev.portico.payment.testing.PaymentApiTest;
import dev.portico.payment.testing.TestCards;
import dev.portico.payment.testing.UnreachableKafka;
import dev.portico.test.TestTokens;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static dev.portico.test.ApiClient.json;
import static dev.portico.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payments over HTTP on real PostgreSQL and Kafka, with the simulated processor and
 * invoice-service's receivable endpoint played by a stub: every check before the charge,
 * idempotency, declines, outages and lost answers.
 */
@TestPropertySource(properties = { "portico.payments.charge-timeout=500ms", "portico.payments.lookup-timeout=500ms",
		"portico.payments.reconcile-every=1h", "portico.payments.simulator.latency=5ms",
		"spring.kafka.producer.value-serializer=dev.portico.payment.testing.UnreachableKafka",
		"portico.events.outbox.resubmit-every=500ms", "portico.events.outbox.resubmit-after=1s" })
class PaymentsApiTest extends PaymentApiTest {

	static final InvoiceServiceStub INVOICES = new InvoiceServiceStub();

	@Autowired
	private Reconciler reconciler;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	private UUID account;

	private UUID invoice;

	private Client alice;

	private String card;

	@DynamicPropertySource
	static void invoiceService(DynamicPropertyRegistry registry) {
		registry.add("portico.payments.invoice-service-url", INVOICES::url);
	}

	@BeforeEach
	void accountWithAnOpenInvoiceAndACard() {
		this.account = this.accounts.add(Feature.PAYMENTS, Feature.PAYMENT_METHODS);
		this.invoice = UUID.randomUUID();
		INVOICES.owes(this.account, "100.00", this.invoice, "OPEN", "60.00");
		this.alice = as(TestTokens.customer(this.account));
		this.card = addCard(TestCards.VISA);
	}

	@Test
	void aChargedPaymentIsCreatedSucceededAndFoundAgain() {
		double succeeded = payments("succeeded");
		HttpResponse<String> response = pay("key-1", body("60.00", this.card, this.invoice));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode payment = json(response);
		assertThat(payment.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(payment.path("amount").asString()).isEqualTo("60.00");
		assertThat(payment.path("invoiceId").asString()).isEqualTo(this.invoice.toString());
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(json(this.alice.get(location)).path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(payments("succeeded")).isEqualTo(succeeded + 1);
		assertThat(json(this.alice.get("/api/accounts/" + this.account + "/payments")).path("content")).hasSize(1);
	}

	@Test
	void theSameKeyAndBodyReplayTheFirstAnswerAndAnotherBodyIsRefused() {
		HttpResponse<String> first = pay("same", body("10.00", this.card, null));
		HttpResponse<String> replay = pay("same", body("10.0", this.card, null));
		HttpResponse<String> other = pay("same", body("11.00", this.card, null));

		assertThat(replay.statusCode()).isEqualTo(201);
		assertThat(json(replay).path("paymentId").asString()).isEqualTo(json(first).path("paymentId").asString());
		assertProblem(other, 422, "idempotency-key-reused");
		assertThat(count("SELECT count(*) FROM payment WHERE account_id = ?", this.account)).isEqualTo(1);
	}

	@Test
	void fiftyConcurrentRequestsWithOneKeyChargeOnce() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(50);
		try {
			List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				calls.add(() -> pay("storm", body("5.00", this.card, null)));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
				statuses.add(result.get().statusCode());
			}
			assertThat(statuses).containsOnly(201, 409).contains(201);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("SELECT count(*) FROM payment WHERE account_id = ?", this.account)).isEqualTo(1);
	}

	@Test
	void aKeyIsRequiredAndEveryRuleIsCheckedBeforeCharging() {
		assertProblem(this.alice.post(payments(), body("10.00", this.card, null)), 400, "idempotency-key-required");
		assertFields(pay("a", body("0", this.card, null)), "amount");
		assertFields(pay("b", body("10.001", this.card, null)), "amount");
		assertFields(pay("c", body("100.01", this.card, null)), "amount");
		assertFields(pay("d", body("10.00", UUID.randomUUID().toString(), null)), "paymentMethodId");
		assertFields(pay("e", body("10.00", this.card, UUID.randomUUID())), "invoiceId");
		assertFields(pay("f", body("10.00", this.card, null).with("currency", "EUR")), "currency");
		assertThat(pay("g", "{\"amount\": \"ten\", \"currency\": \"USD\"}").statusCode()).isEqualTo(400);
		assertFields(pay("g2", "{\"amount\": \"10\"}"), "currency", "paymentMethodId");
		UUID paid = UUID.randomUUID();
		INVOICES.owes(this.account, "100.00", paid, "PAID", "0.00");
		assertFields(pay("h", body("10.00", this.card, paid)), "invoiceId");
		assertThat(count("SELECT count(*) FROM payment WHERE account_id = ?", this.account)).isZero();
		// A refused request gives its key back: fixed, the same key pays.
		INVOICES.owes(this.account, "100.00", this.invoice, "OPEN", "60.00");
		assertThat(pay("c", body("100.00", this.card, null)).statusCode()).isEqualTo(201);
	}

	@Test
	void declinedCardsAnswer402WithThePaymentRecordedAsFailed() {
		String declined = addCard(TestCards.DECLINED);
		String broke = addCard(TestCards.NO_FUNDS);
		double failed = payments("failed");

		HttpResponse<String> response = pay("declined", body("10.00", declined, null));
		HttpResponse<String> noFunds = pay("broke", body("10.00", broke, null));

		assertProblem(response, 402, "payment-declined");
		String paymentId = json(response).path("paymentId").asString();
		assertThat(json(this.alice.get(payments() + "/" + paymentId)).path("status").asString()).isEqualTo("FAILED");
		assertThat(json(noFunds).path("declineCode").asString()).isEqualTo("insufficient_funds");
		assertThat(pay("declined", body("10.00", declined, null)).statusCode()).as("replayed").isEqualTo(402);
		assertThat(payments("failed")).as("two declines, the replay not counted again").isEqualTo(failed + 2);
	}

	/** {@code portico_payments_total{outcome}} as operators see it. */
	private double payments(String outcome) {
		Counter counter = this.meters.find("portico.payments").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void paymentsSwitchedOffAre403WhateverIsSent() {
		UUID off = this.accounts.add(Feature.PAYMENT_METHODS);
		Client bob = as(TestTokens.customer(off));

		assertProblem(bob.post("/api/accounts/" + off + "/payments", "{not json", "Idempotency-Key", "x"), 403,
				"feature-disabled");
		assertProblem(bob.get("/api/accounts/" + off + "/payments"), 403, "feature-disabled");
	}

	@Test
	void invoiceServiceDownIs503AndNothingIsChargedThenPaymentsWorkAgain() {
		INVOICES.stop();
		try {
			HttpResponse<String> response = pay("outage", body("10.00", this.card, null));
			assertProblem(response, 503, "service-unavailable");
			assertThat(response.headers().firstValue("Retry-After")).isPresent();
			assertThat(count("SELECT count(*) FROM payment WHERE account_id = ?", this.account)).isZero();
		}
		finally {
			INVOICES.restart();
		}
		assertThat(pay("outage", body("10.00", this.card, null)).statusCode()).isEqualTo(201);
	}

	@Test
	void aPaymentTheBankWantsConfirmedWaitsForTheCustomerAndIsChargedOnceConfirmed() {
		String card = addCard(TestCards.AUTHENTICATE);
		HttpResponse<String> waiting = pay("3ds-1", body("10.00", card, null));

		assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
		JsonNode payment = json(waiting);
		assertThat(payment.path("status").asString()).isEqualTo("PENDING");
		assertThat(payment.path("nextAction").path("type").asString()).isEqualTo("CONFIRM_WITH_BANK");
		String secret = payment.path("nextAction").path("clientSecret").asString();
		String id = payment.path("paymentId").asString();
		assertThat(column("status", id)).isEqualTo("ACTION_REQUIRED");
		assertThat(json(this.ops.get("/api/ops/payments/unknown")).findValuesAsString("paymentId"))
			.as("waiting for the customer is not unknown")
			.doesNotContain(id);
		this.reconciler.reconcile();
		assertThat(column("status", id)).as("still waiting after a lookup").isEqualTo("ACTION_REQUIRED");
		assertThat(pay("3ds-1", body("10.00", card, null)).statusCode()).isEqualTo(202);

		Client browser = as(null);
		assertProblem(browser.post("/api/payment-simulator/confirmations",
				Map.of("clientSecret", id + "_secret_guessed", "approve", true)), 422, "validation-failed");
		assertThat(browser.post("/api/payment-simulator/confirmations", Map.of("clientSecret", secret, "approve", true))
			.statusCode()).isEqualTo(204);

		assertThat(status(id)).isEqualTo("SUCCEEDED");
		assertThat(json(this.alice.get(payments() + "/" + id)).has("nextAction")).isFalse();
		HttpResponse<String> retried = pay("3ds-1", body("10.00", card, null));
		assertThat(retried.statusCode()).as("a retry learns the outcome").isEqualTo(201);
		assertThat(charges(id)).isOne();
		assertThat(
				browser.post("/api/payment-simulator/confirmations", Map.of("clientSecret", secret, "approve", false))
					.statusCode())
			.as("answered once")
			.isEqualTo(422);
	}

	@Test
	void aPaymentTheCustomerRefusesOrLeavesUnconfirmedFailsAndNothingIsCharged() {
		String card = addCard(TestCards.AUTHENTICATE);
		JsonNode refused = json(pay("3ds-refused", body("10.00", card, null)));
		JsonNode left = json(pay("3ds-left", body("11.00", card, null)));

		as(null).post("/api/payment-simulator/confirmations",
				Map.of("clientSecret", refused.path("nextAction").path("clientSecret").asString(), "approve", false));
		assertThat(status(refused.path("paymentId").asString())).isEqualTo("FAILED");
		assertProblem(pay("3ds-refused", body("10.00", card, null)), 402, "payment-declined");

		this.clock.travelTo(this.clock.instant().plus(Duration.ofMinutes(11)));
		this.reconciler.reconcile();
		assertThat(status(left.path("paymentId").asString())).as("withdrawn once the customer had 10 minutes")
			.isEqualTo("FAILED");
		assertThat(column("failure_code", left.path("paymentId").asString())).isEqualTo("authentication_not_completed");
	}

	@Test
	void aChargeWhoseAnswerWasLostIsPendingAndReconciledOnceWithoutChargingTwice() {
		this.processor.failNext(SimulatedProcessor.FailureMode.TIMEOUT_AFTER_CHARGE);
		HttpResponse<String> charged = pay("lost-1", body("10.00", this.card, null));
		this.processor.failNext(SimulatedProcessor.FailureMode.TIMEOUT_BEFORE_CHARGE);
		HttpResponse<String> notCharged = pay("lost-2", body("20.00", this.card, null));

		assertThat(charged.statusCode()).isEqualTo(202);
		assertThat(json(charged).path("status").asString()).isEqualTo("PENDING");
		assertThat(notCharged.statusCode()).isEqualTo(202);
		String chargedId = json(charged).path("paymentId").asString();
		String notChargedId = json(notCharged).path("paymentId").asString();
		assertThat(column("status", chargedId)).isEqualTo("UNKNOWN");

		this.reconciler.reconcile();
		assertThat(status(chargedId)).isEqualTo("SUCCEEDED");
		assertThat(status(notChargedId)).as("never reached the processor: charged now, under its reference")
			.isEqualTo("SUCCEEDED");
		assertThat(charges(chargedId)).isOne();
		assertThat(charges(notChargedId)).isOne();
		HttpResponse<String> retried = pay("lost-1", body("10.00", this.card, null));
		assertThat(retried.statusCode()).as("a retry learns the outcome").isEqualTo(201);
		assertThat(json(retried).path("paymentId").asString()).isEqualTo(chargedId);
	}

	@Test
	void anUnknownOutcomeStaysUnknownWhileTheProcessorDoesNotAnswerAndIsNeverFailedForIt() {
		this.processor.behave(Duration.ZERO, SimulatedProcessor.FailureMode.NO_ANSWER);
		String paymentId;
		try {
			HttpResponse<String> response = pay("silent", body("10.00", this.card, null));
			assertThat(response.statusCode()).isEqualTo(202);
			paymentId = json(response).path("paymentId").asString();
			for (int round = 0; round < 5; round++) {
				this.clock.advance(Duration.ofHours(1));
				this.reconciler.reconcile();
			}
			assertThat(column("status", paymentId)).isEqualTo("UNKNOWN");
			assertThat(status(paymentId)).as("the customer sees pending").isEqualTo("PENDING");
			assertThat(pay("silent", body("10.00", this.card, null)).statusCode()).isEqualTo(202);
			assertThat(count("SELECT lookups FROM payment WHERE id = ?::uuid", paymentId)).isEqualTo(5);
			assertThat(this.meters.get("portico.payments.unknown").gauge().value()).isGreaterThanOrEqualTo(1);
		}
		finally {
			this.processor.behave(Duration.ofMillis(5), SimulatedProcessor.FailureMode.NONE);
		}
		this.clock.advance(Duration.ofHours(1));
		this.reconciler.reconcile();
		assertThat(status(paymentId)).isEqualTo("SUCCEEDED");
		assertThat(pay("silent", body("10.00", this.card, null)).statusCode()).isEqualTo(201);
		assertThat(charges(paymentId)).isOne();
	}

	/**
	 * A request that crashed right after committing its key and payment (before its
	 * charge): the key is in flight while the attempt's lease runs, then answers pending,
	 * then the outcome once the reconciler took over.
	 */
	@Test
	void aKeyWhoseRequestCrashedIsAnsweredFromItsPayment() {
		UUID paymentId = UUID.randomUUID();
		TestCards.Json body = body("15.00", this.card, null);
		String hash = new PaymentRequest(new java.math.BigDecimal("15.00"), "USD", UUID.fromString(this.card), null)
			.hash();
		this.jdbc
			.sql("INSERT INTO idempotency_key (account_id, idempotency_key, request_hash, payment_id, created_at) "
					+ "VALUES (?, 'crashed', ?, ?, now())")
			.params(this.account, hash, paymentId)
			.update();
		this.jdbc.sql("""
				INSERT INTO payment (id, account_id, payment_method_id, amount, currency, status, created_at,
				                     processor_token, attempt_until, next_lookup_at)
				SELECT ?, account_id, id, 15.00, 'USD', 'PENDING', ?, processor_token, ?, ? FROM payment_method
				WHERE id = ?::uuid""")
			.params(paymentId, java.sql.Timestamp.from(this.clock.instant()),
					java.sql.Timestamp.from(this.clock.instant().plusSeconds(3)),
					java.sql.Timestamp.from(this.clock.instant().plusSeconds(3)), this.card)
			.update();

		assertProblem(pay("crashed", body), 409, "idempotent-request-in-flight");
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(pay("crashed", body).statusCode()).as("the attempt is gone: pending").isEqualTo(202);
		this.reconciler.reconcile();
		HttpResponse<String> answered = pay("crashed", body);
		assertThat(answered.statusCode()).isEqualTo(201);
		assertThat(json(answered).path("paymentId").asString()).isEqualTo(paymentId.toString());
		assertThat(charges(paymentId.toString())).isOne();
	}

	@Test
	void concurrentPaymentsOfTheWholeBalanceWithDifferentKeysChargeOnce() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				String key = "whole-" + i;
				calls.add(() -> pay(key, body("100.00", this.card, null)));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
				statuses.add(result.get().statusCode());
			}
			assertThat(statuses).containsOnly(201, 422).containsOnlyOnce(201);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("SELECT count(*) FROM payment WHERE account_id = ? AND status <> 'FAILED'", this.account))
			.isOne();
	}

	@Test
	void opsResolveAnUnknownPaymentByHandOnceAndCustomersCannot() {
		this.processor.behave(Duration.ZERO, SimulatedProcessor.FailureMode.NO_ANSWER);
		String paymentId;
		try {
			paymentId = json(pay("by-hand", body("10.00", this.card, null))).path("paymentId").asString();
		}
		finally {
			this.processor.behave(Duration.ofMillis(5), SimulatedProcessor.FailureMode.NONE);
		}
		Client ops = as(TestTokens.ops());
		assertThat(json(ops.get("/api/ops/payments/unknown?limit=1000")).findValuesAsString("paymentId"))
			.contains(paymentId);
		String resolution = "/api/ops/payments/" + paymentId + "/resolution";
		assertProblem(this.alice.post(resolution, "{\"status\":\"FAILED\",\"reason\":\"x\"}"), 403, "forbidden");
		assertFields(ops.post(resolution, "{\"status\":\"SUCCEEDED\",\"reason\":\"seen\"}"), "chargeId");
		assertFields(ops.post(resolution, "{\"status\":\"PENDING\",\"reason\":\"seen\"}"), "status");

		HttpResponse<String> resolved = ops.post(resolution,
				"{\"status\":\"FAILED\",\"reason\":\"The processor holds no charge for this reference\"}");
		assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
		assertThat(status(paymentId)).isEqualTo("FAILED");
		assertProblem(pay("by-hand", body("10.00", this.card, null)), 402, "payment-declined");
		assertProblem(ops.post(resolution, "{\"status\":\"FAILED\",\"reason\":\"again\"}"), 409, "payment-not-unknown");
		assertProblem(ops.post("/api/ops/payments/" + UUID.randomUUID() + "/resolution",
				"{\"status\":\"FAILED\",\"reason\":\"x\"}"), 404, "payment-not-found");
	}

	private long charges(String paymentId) {
		return count("SELECT count(*) FROM simulated_charge WHERE reference = ?", paymentId);
	}

	private String column(String column, String paymentId) {
		return this.jdbc.sql("SELECT " + column + " FROM payment WHERE id = ?::uuid")
			.params(paymentId)
			.query(String.class)
			.single();
	}

	/**
	 * The outbox's relay to Kafka stopped (the broker out of reach) while payments are
	 * taken: they are taken as usual, their events wait in the outbox, and once the
	 * broker is back each is sent, under its one event id.
	 */
	@Test
	void paymentsTakenWhileKafkaIsOutOfReachAreAllAnnouncedOnceItIsBack() throws Exception {
		try (Consumer<String, String> topic = paymentsTopic()) {
			List<String> paid = new ArrayList<>();
			UnreachableKafka.cutOff();
			try {
				for (int i = 0; i < 5; i++) {
					HttpResponse<String> response = pay("relay-" + i, body("1.00", this.card, null));
					assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
					paid.add(json(response).path("paymentId").asString());
				}
				await("each payment's event waits in the outbox").during(Duration.ofMillis(1500))
					.atMost(Duration.ofSeconds(3))
					.until(() -> paid.stream()
						.allMatch((id) -> count("SELECT count(*) FROM event_publication WHERE serialized_event LIKE ?",
								"%" + id + "%") == 1));
				assertThat(announced(topic, Duration.ofMillis(500))).doesNotContainKeys(paid.toArray(String[]::new));
			}
			finally {
				UnreachableKafka.restore();
			}

			Map<String, Set<String>> eventIds = new HashMap<>();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				announced(topic, Duration.ofMillis(200)).forEach((payment,
						events) -> eventIds.computeIfAbsent(payment, (key) -> new HashSet<>()).addAll(events));
				assertThat(eventIds).containsKeys(paid.toArray(String[]::new));
			});
			assertThat(paid).allSatisfy((id) -> assertThat(eventIds.get(id)).as("one event id per payment").hasSize(1));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> count("SELECT count(*) FROM event_publication WHERE completion_date IS NULL") == 0);
		}
	}

	private Consumer<String, String> paymentsTopic() {
		Consumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"relay-test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(PaymentsTopic.NAME));
		return consumer;
	}

	/**
	 * Payment id → event ids of the PaymentSucceeded records read within {@code wait}.
	 */
	private static Map<String, Set<String>> announced(Consumer<String, String> topic, Duration wait) {
		Map<String, Set<String>> seen = new HashMap<>();
		for (ConsumerRecord<String, String> record : topic.poll(wait)) {
			JsonNode event = JsonMapper.shared().readTree(record.value());
			seen.computeIfAbsent(event.path("paymentId").asString(), (key) -> new HashSet<>())
				.add(event.path("eventId").asString());
		}
		return seen;
	}

	private String status(String paymentId) {
		return json(this.alice.get(payments() + "/" + paymentId)).path("status").asString();
	}

	private String addCard(String number) {
		HttpResponse<String> response = this.alice.post("/api/accounts/" + this.account + "/payment-methods",
				saving(TestCards.card(number)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response).path("paymentMethodId").asString();
	}

	private HttpResponse<String> pay(String key, Object body) {
		return this.alice.post(payments(), body, "Idempotency-Key", key);
	}

	private String payments() {
		return "/api/accounts/" + this.account + "/payments";
	}

	private static TestCards.Json body(String amount, String method, UUID invoiceId) {
		TestCards.Json body = new TestCards.Json().with("amount", amount)
			.with("currency", "USD")
			.with("paymentMethodId", method);
		return (invoiceId != null) ? body.with("invoiceId", invoiceId.toString()) : body;
	}

	private static void assertFields(HttpResponse<String> response, String... fields) {
		assertProblem(response, 422, "validation-failed");
		assertThat(json(response).path("errors").findValuesAsString("field")).containsExactlyInAnyOrder(fields);
	}

	private long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

}
