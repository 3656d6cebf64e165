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

import com.stripe.Stripe;
import dev.portico.payment.feature.Feature;
import dev.portico.payment.testing.PaymentApiTest;
import dev.portico.test.FakeStripe;
import dev.portico.test.LocalServer;
import dev.portico.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static dev.portico.test.ApiClient.json;
import static dev.portico.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment scenarios of the simulated processor's tests, with Stripe as the processor:
 * a stand-in with memory for Stripe's API on loopback ({@link FakeStripe}) that replays
 * idempotency keys, fails before or after charging, is slow, asks for 3-D Secure and
 * sends signed webhooks. Whatever happens, each payment is charged at most once.
 */
@TestPropertySource(
		properties = { "portico.payments.processor=stripe", "portico.payments.stripe.secret-key=sk_test_portico",
				"portico.payments.stripe.webhook-secret=" + StripeModePaymentsApiTest.SECRET,
				"portico.payments.charge-timeout=1s", "portico.payments.lookup-timeout=1s",
				"portico.payments.reconcile-every=1h" })
class StripeModePaymentsApiTest extends PaymentApiTest {

	static final String SECRET = "whsec_stripe_mode";

	static final FakeStripe STRIPE = new FakeStripe(SECRET, Stripe.API_VERSION);

	static final InvoiceServiceStub INVOICES = new InvoiceServiceStub();

	@Autowired
	private Reconciler reconciler;

	@Autowired
	private Environment environment;

	private UUID account;

	private Client alice;

	@DynamicPropertySource
	static void stripeAndInvoices(DynamicPropertyRegistry registry) {
		registry.add("portico.payments.stripe.api-base", STRIPE::url);
		registry.add("portico.payments.invoice-service-url", INVOICES::url);
	}

	@AfterAll
	static void stopStripe() {
		STRIPE.stop();
	}

	@BeforeEach
	void account() {
		STRIPE.sendWebhooksTo(LocalServer.of(this.environment).url("/api/webhooks/stripe").toString());
		this.account = this.accounts.add(Feature.PAYMENTS, Feature.PAYMENT_METHODS);
		INVOICES.owes(this.account, "100.00", UUID.randomUUID(), "OPEN", "100.00");
		this.alice = as(TestTokens.customer(this.account));
	}

	@Test
	void aChargedPaymentIsOnePaymentIntentAndItsReplayChargesNothing() {
		String card = card("4242424242424242");
		int before = STRIPE.charges();

		HttpResponse<String> paid = pay("k-1", "25.00", card);
		HttpResponse<String> replay = pay("k-1", "25.00", card);

		assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
		assertThat(json(replay).path("paymentId").asString()).isEqualTo(json(paid).path("paymentId").asString());
		assertThat(STRIPE.charges() - before).isOne();
	}

	@Test
	void aDeclinedCardIs402WithStripesDeclineCode() {
		HttpResponse<String> declined = pay("k-2", "25.00", card("4000000000009995"));

		JsonNode problem = assertProblem(declined, 402, "payment-declined");
		assertThat(problem.toString()).contains("insufficient_funds");
	}

	@Test
	void concurrentRequestsWithOneKeyChargeOnce() throws Exception {
		String card = card("4242424242424242");
		int before = STRIPE.charges();
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				calls.add(() -> pay("same", "10.00", card));
			}
			for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
				assertThat(result.get().statusCode()).isIn(201, 409);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(STRIPE.charges() - before).isOne();
	}

	@Test
	void lostAnswersAreReconciledAndEachPaymentChargedOnce() {
		String card = card("4242424242424242");
		int before = STRIPE.charges();
		// Twice each: the request and the SDK's one retry under the same key.
		STRIPE.failNext(FakeStripe.Fault.ERROR_AFTER_CHARGE, 2);
		HttpResponse<String> chargedThenFailed = pay("lost-1", "10.00", card);
		STRIPE.failNext(FakeStripe.Fault.ERROR_BEFORE_CHARGE, 2);
		HttpResponse<String> neverCharged = pay("lost-2", "11.00", card);
		STRIPE.failNext(FakeStripe.Fault.SLOW_AFTER_CHARGE, 1);
		HttpResponse<String> slow = pay("lost-3", "12.00", card);

		assertThat(List.of(chargedThenFailed.statusCode(), neverCharged.statusCode(), slow.statusCode()))
			.containsOnly(202);
		this.clock.advance(Duration.ofSeconds(5));
		this.reconciler.reconcile();

		for (HttpResponse<String> payment : List.of(chargedThenFailed, neverCharged, slow)) {
			assertThat(status(json(payment).path("paymentId").asString())).isEqualTo("SUCCEEDED");
		}
		assertThat(STRIPE.charges() - before).as("three payments, three charges").isEqualTo(3);
		assertThat(pay("lost-1", "10.00", card).statusCode()).as("a retry learns the outcome").isEqualTo(201);
	}

	@Test
	void aServerErrorTheSdkRetriesUnderTheSameKeyChargesOnce() {
		String card = card("4242424242424242");
		int before = STRIPE.charges();
		STRIPE.failNext(FakeStripe.Fault.ERROR_AFTER_CHARGE, 1);

		assertThat(pay("retried", "10.00", card).statusCode()).isEqualTo(201);
		assertThat(STRIPE.charges() - before).isOne();
	}

	@Test
	void aPaymentTheBankWantsConfirmedIsSettledByStripesWebhook() {
		HttpResponse<String> waiting = pay("3ds", "30.00", card("4000002500003155"));

		assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
		JsonNode next = json(waiting).path("nextAction");
		assertThat(next.path("type").asString()).isEqualTo("CONFIRM_WITH_BANK");
		String secret = next.path("clientSecret").asString();
		STRIPE.confirmByCustomer(secret.substring(0, secret.indexOf("_secret_")), true);

		assertThat(status(json(waiting).path("paymentId").asString())).isEqualTo("SUCCEEDED");
	}

	@Test
	void aPaymentLeftUnconfirmedIsCancelledAtStripeAndFails() {
		HttpResponse<String> waiting = pay("3ds-left", "30.00", card("4000002500003155"));

		this.clock.advance(Duration.ofMinutes(11));
		this.reconciler.reconcile();

		assertThat(status(json(waiting).path("paymentId").asString())).isEqualTo("FAILED");
	}

	@Test
	void refundsGoToStripeOnceEachAndNeverBeyondThePayment() {
		String paymentId = json(pay("to-refund", "40.00", card("4242424242424242"))).path("paymentId").asString();
		String path = "/api/ops/payments/" + paymentId + "/refunds";

		HttpResponse<String> part = this.ops.post(path, Map.of("amount", "15.00"), "Idempotency-Key", "r-1");
		HttpResponse<String> again = this.ops.post(path, Map.of("amount", "15.00"), "Idempotency-Key", "r-1");
		HttpResponse<String> rest = this.ops.post(path, Map.of(), "Idempotency-Key", "r-2");

		assertThat(part.statusCode()).as(part.body()).isEqualTo(201);
		assertThat(json(again).path("refundId").asString()).isEqualTo(json(part).path("refundId").asString());
		assertThat(json(rest).path("amount").asString()).isEqualTo("25.00");
		assertThat(json(this.alice.get(payments() + "/" + paymentId)).path("refundedAmount").asString())
			.isEqualTo("40.00");
		assertProblem(this.ops.post(path, Map.of("amount", "1.00"), "Idempotency-Key", "r-3"), 409,
				"payment-not-refundable");
	}

	/**
	 * A card as Stripe's card element or mobile SDK creates it, saved by its
	 * PaymentMethod id.
	 */
	private String card(String number) {
		HttpResponse<String> saved = this.alice.post("/api/accounts/" + this.account + "/payment-methods",
				Map.of("processorToken", STRIPE.paymentMethod(number)));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
		return json(saved).path("paymentMethodId").asString();
	}

	private HttpResponse<String> pay(String key, String amount, String card) {
		return this.alice.post(payments(), Map.of("amount", amount, "currency", "USD", "paymentMethodId", card),
				"Idempotency-Key", key);
	}

	private String status(String paymentId) {
		return json(this.alice.get(payments() + "/" + paymentId)).path("status").asString();
	}

	private String payments() {
		return "/api/accounts/" + this.account + "/payments";
	}

}
