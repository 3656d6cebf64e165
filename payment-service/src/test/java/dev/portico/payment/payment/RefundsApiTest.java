package dev.portico.payment.payment;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.portico.payment.feature.Feature;
import dev.portico.payment.processor.simulated.SimulatedProcessor;
import dev.portico.payment.testing.PaymentApiTest;
import dev.portico.payment.testing.TestCards;
import dev.portico.payment.testing.UnreachableKafka;
import dev.portico.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static dev.portico.test.ApiClient.json;
import static dev.portico.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refunds by operations staff over HTTP, on real PostgreSQL, with the simulated
 * processor: in full or in part, never more than the payment took, each key once, a lost
 * answer asked again until the processor answers, every succeeded refund announced once
 * and shown in the customer's payment history.
 */
@TestPropertySource(properties = { "portico.payments.charge-timeout=500ms", "portico.payments.lookup-timeout=500ms",
		"portico.payments.reconcile-every=1h", "portico.payments.simulator.latency=5ms",
		"spring.kafka.producer.value-serializer=dev.portico.payment.testing.UnreachableKafka" })
class RefundsApiTest extends PaymentApiTest {

	static final InvoiceServiceStub INVOICES = new InvoiceServiceStub();

	@Autowired
	private RefundService refunds;

	@Autowired
	private JdbcClient jdbc;

	private UUID account;

	private Client alice;

	private String payment;

	@DynamicPropertySource
	static void invoiceService(DynamicPropertyRegistry registry) {
		registry.add("portico.payments.invoice-service-url", INVOICES::url);
	}

	@BeforeEach
	void aSucceededPaymentOfSixty() {
		this.account = this.accounts.add(Feature.PAYMENTS, Feature.PAYMENT_METHODS);
		INVOICES.owes(this.account, "100.00", UUID.randomUUID(), "OPEN", "100.00");
		this.alice = as(TestTokens.customer(this.account));
		HttpResponse<String> card = this.alice.post("/api/accounts/" + this.account + "/payment-methods",
				saving(TestCards.card(TestCards.VISA)));
		HttpResponse<String> paid = this.alice.post(payments(), Map.of("amount", "60.00", "currency", "USD",
				"paymentMethodId", json(card).path("paymentMethodId").asString()), "Idempotency-Key", "pay");
		assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
		this.payment = json(paid).path("paymentId").asString();
		// Kafka out of reach: what is announced stays in the outbox, where the tests
		// count it.
		UnreachableKafka.cutOff();
	}

	@AfterEach
	void kafkaBack() {
		UnreachableKafka.restore();
	}

	@Test
	void aPartialThenTheRestAndNeverMoreThanThePaymentTook() {
		HttpResponse<String> part = refund("r-1", Map.of("amount", "20.00", "reason", "goodwill"));
		assertThat(part.statusCode()).as(part.body()).isEqualTo(201);
		assertThat(json(part).path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(json(part).path("amount").asString()).isEqualTo("20.00");

		assertFields(refund("r-2", Map.of("amount", "40.01")), "amount");
		HttpResponse<String> rest = refund("r-3", Map.of());
		assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
		assertThat(json(rest).path("amount").asString()).isEqualTo("40.00");
		assertProblem(refund("r-4", Map.of("amount", "1.00")), 409, "payment-not-refundable");

		JsonNode seen = json(this.alice.get(payments() + "/" + this.payment));
		assertThat(seen.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(seen.path("refundedAmount").asString()).isEqualTo("60.00");
		assertThat(seen.path("refunds").findValuesAsString("amount")).containsExactly("20.00", "40.00");
		assertThat(announced()).isEqualTo(2);
		assertThat(json(this.ops.get(refundsPath())).findValuesAsString("reason")).contains("goodwill");
	}

	@Test
	void aRetryWithTheKeyIsTheSameRefundAndAnotherAmountIsRefused() {
		String first = json(refund("same", Map.of("amount", "10.00"))).path("refundId").asString();

		HttpResponse<String> again = refund("same", Map.of("amount", "10.00"));
		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(json(again).path("refundId").asString()).isEqualTo(first);
		assertProblem(refund("same", Map.of("amount", "11.00")), 422, "idempotency-key-reused");
		assertThat(json(this.ops.get(refundsPath()))).hasSize(1);
		assertThat(announced()).isOne();
	}

	@Test
	void concurrentRefundsOfTheWholePaymentRefundItOnce() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String key = "all-" + i;
				calls.add(() -> refund(key, Map.of("amount", "60.00")));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
				statuses.add(result.get().statusCode());
			}
			assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(announced()).isOne();
	}

	@Test
	void aLostAnswerIsPendingAndAskedAgainUnderTheSameReferenceUntilRefundedOnce() {
		this.processor.behave(Duration.ZERO, SimulatedProcessor.FailureMode.NO_ANSWER);
		HttpResponse<String> lost;
		try {
			lost = refund("lost", Map.of("amount", "15.00"));
		}
		finally {
			this.processor.behave(Duration.ofMillis(5), SimulatedProcessor.FailureMode.NONE);
		}
		assertThat(lost.statusCode()).as(lost.body()).isEqualTo(202);
		assertThat(json(lost).path("status").asString()).isEqualTo("PENDING");
		assertThat(announced()).isZero();

		this.clock.advance(Duration.ofSeconds(1));
		this.refunds.retryUnknown();
		this.clock.advance(Duration.ofMinutes(10));
		this.refunds.retryUnknown();

		assertThat(json(refund("lost", Map.of("amount", "15.00"))).path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(this.jdbc.sql("SELECT count(*) FROM simulated_refund WHERE reference = ?")
			.param(json(lost).path("refundId").asString())
			.query(Integer.class)
			.single()).isOne();
		assertThat(announced()).isOne();
	}

	@Test
	void badRequestsAreClearProblemsAndCustomersMayNotRefund() {
		assertProblem(this.ops.post(refundsPath(), Map.of("amount", "1.00")), 400, "idempotency-key-required");
		assertFields(refund("neg", Map.of("amount", "-1.00")), "amount");
		assertFields(refund("zero", Map.of("amount", "0")), "amount");
		assertFields(refund("cents", Map.of("amount", "1.001")), "amount");
		assertFields(refund("huge", Map.of("amount", "1E+999999999")), "amount");
		assertFields(refund("long", Map.of("reason", "x".repeat(201))), "reason");
		assertProblem(this.ops.post(refundsPath(), "{not json", "Idempotency-Key", "broken"), 400, "malformed-request");
		assertProblem(this.ops.post("/api/ops/payments/" + UUID.randomUUID() + "/refunds", Map.of(), "Idempotency-Key",
				"nobody"), 404, "payment-not-found");
		assertThat(this.alice.post(refundsPath(), Map.of(), "Idempotency-Key", "mine").statusCode()).isEqualTo(403);
		assertThat(json(this.ops.get(refundsPath()))).isEmpty();
	}

	private HttpResponse<String> refund(String key, Object body) {
		return this.ops.post(refundsPath(), body, "Idempotency-Key", key);
	}

	/** PaymentRefunded events written to the outbox for this payment. */
	private long announced() {
		return this.jdbc
			.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE '%PaymentRefunded%'"
					+ " AND serialized_event LIKE ?")
			.param("%" + this.payment + "%")
			.query(Long.class)
			.single();
	}

	private String refundsPath() {
		return "/api/ops/payments/" + this.payment + "/refunds";
	}

	private String payments() {
		return "/api/accounts/" + this.account + "/payments";
	}

	private static void assertFields(HttpResponse<String> response, String... fields) {
		assertProblem(response, 422, "validation-failed");
		assertThat(json(response).path("errors").findValuesAsString("field")).containsExactlyInAnyOrder(fields);
	}

}
