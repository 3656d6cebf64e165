package dev.portico.payment.processor.stripe;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.stripe.Stripe;
import dev.portico.payment.feature.Feature;
import dev.portico.payment.payment.InvoiceServiceStub;
import dev.portico.payment.testing.PaymentApiTest;
import dev.portico.payment.testing.TestCards;
import dev.portico.test.LocalServer;
import dev.portico.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static dev.portico.test.ApiClient.json;
import static dev.portico.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * payment-service with Stripe as its processor (Stripe's API played on loopback): cards
 * saved by token, payments whose outcome Stripe tells by webhook, and the webhook
 * endpoint's checks: signature, tolerance, replays and order.
 */
@TestPropertySource(
		properties = { "portico.payments.processor=stripe", "portico.payments.stripe.secret-key=sk_test_portico",
				"portico.payments.stripe.webhook-secret=whsec_old, " + StripeWebhooksApiTest.SECRET,
				"portico.payments.reconcile-every=1h" })
class StripeWebhooksApiTest extends PaymentApiTest {

	static final String SECRET = "whsec_portico_test";

	static final StripeApi STRIPE = new StripeApi().start();

	static final InvoiceServiceStub INVOICES = new InvoiceServiceStub();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Environment environment;

	private UUID account;

	private Client alice;

	private String card;

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
	void accountWithAStripeCard() {
		STRIPE.reset();
		this.account = this.accounts.add(Feature.PAYMENTS, Feature.PAYMENT_METHODS);
		INVOICES.owes(this.account, "100.00", UUID.randomUUID(), "OPEN", "100.00");
		this.alice = as(TestTokens.customer(this.account));
		STRIPE.customerCreated("cus_" + this.account.toString().substring(0, 8));
		String token = "pm_" + UUID.randomUUID().toString().replace("-", "");
		STRIPE.paymentMethod(token, null, "visa", "4242");
		HttpResponse<String> saved = this.alice.post(methods(), Map.of("processorToken", token));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
		assertThat(json(saved).path("last4").asString()).isEqualTo("4242");
		this.card = json(saved).path("paymentMethodId").asString();
	}

	@Test
	void theCardFormIsPreparedWithAStripeSetupIntent() {
		STRIPE.setupIntentCreated("seti_9");

		JsonNode setup = json(this.alice.post(methods() + "/setup", Map.of()));

		assertThat(setup.path("processor").asString()).isEqualTo("stripe");
		assertThat(setup.path("clientSecret").asString()).isEqualTo("seti_9_secret_abc");
	}

	@Test
	void theSimulatorIsNotThereAndCardNumbersAreNotTaken() {
		assertThat(as(null).post(TOKENS, TestCards.card(TestCards.VISA)).statusCode()).isEqualTo(404);
		assertProblem(this.alice.post(methods(), TestCards.card(TestCards.VISA)), 400, "malformed-request");
	}

	@Test
	void aPaymentStripeIsStillProcessingIsSettledByItsWebhook() throws Exception {
		String id = pendingPayment("pi_webhook");

		HttpResponse<String> answer = webhook(event("evt_1", "payment_intent.succeeded", "pi_webhook", "succeeded", id),
				Instant.now(), SECRET);

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(status(id)).isEqualTo("SUCCEEDED");
		assertThat(this.jdbc.sql("SELECT charge_id FROM payment WHERE id = ?")
			.param(UUID.fromString(id))
			.query(String.class)
			.single()).isEqualTo("pi_webhook");
	}

	@Test
	void aWebhookSignedWithTheOldSecretOfARotationIsTaken() throws Exception {
		String id = pendingPayment("pi_rotation");

		assertThat(webhook(event("evt_2", "payment_intent.succeeded", "pi_rotation", "succeeded", id), Instant.now(),
				"whsec_old")
			.statusCode()).isEqualTo(200);
		assertThat(status(id)).isEqualTo("SUCCEEDED");
	}

	@Test
	void aWrongSecretAStaleTimestampOrNoSignatureIsRefusedAndAppliesNothing() throws Exception {
		String id = pendingPayment("pi_refused");
		String event = event("evt_3", "payment_intent.succeeded", "pi_refused", "succeeded", id);

		assertProblem(webhook(event, Instant.now(), "whsec_attacker"), 400, "webhook-refused");
		assertProblem(webhook(event, Instant.now().minusSeconds(600), SECRET), 400, "webhook-refused");
		assertProblem(send(event, null), 400, "webhook-refused");
		assertProblem(send(event, "t=1,v1=00"), 400, "webhook-refused");
		assertProblem(webhook("{not json", Instant.now(), SECRET), 400, "webhook-refused");
		String signedThenChanged = signature(event, Instant.now(), SECRET);
		assertProblem(send(event.replace("succeeded", "payment_failed"), signedThenChanged), 400, "webhook-refused");

		assertThat(status(id)).isEqualTo("PENDING");
		assertThat(this.jdbc.sql("SELECT count(*) FROM processor_event WHERE event_id = 'evt_3'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aReplayedEventIsAcknowledgedAndAppliedOnce() throws Exception {
		String id = pendingPayment("pi_replay");
		String event = event("evt_4", "payment_intent.succeeded", "pi_replay", "succeeded", id);

		JsonNode first = json(webhook(event, Instant.now(), SECRET));
		JsonNode again = json(webhook(event, Instant.now(), SECRET));

		assertThat(first.path("applied").asBoolean()).isTrue();
		assertThat(again.path("applied").asBoolean()).isFalse();
		assertThat(this.jdbc.sql("SELECT count(*) FROM processor_event WHERE event_id = 'evt_4'")
			.query(Integer.class)
			.single()).isOne();
		assertThat(status(id)).isEqualTo("SUCCEEDED");
	}

	@Test
	void eventsOutOfOrderLeaveThePaymentAsItsFinalOutcome() throws Exception {
		String id = pendingPayment("pi_order");

		webhook(event("evt_5", "payment_intent.processing", "pi_order", "processing", id), Instant.now(), SECRET);
		assertThat(status(id)).isEqualTo("PENDING");
		webhook(event("evt_6", "payment_intent.succeeded", "pi_order", "succeeded", id), Instant.now(), SECRET);
		webhook(event("evt_7", "payment_intent.payment_failed", "pi_order", "requires_payment_method", id),
				Instant.now(), SECRET);
		webhook(event("evt_8", "payment_intent.processing", "pi_order", "processing", id), Instant.now(), SECRET);

		assertThat(status(id)).isEqualTo("SUCCEEDED");
	}

	@Test
	void aFailedPaymentsWebhookFailsIt() throws Exception {
		String id = pendingPayment("pi_failed");

		webhook(event("evt_9", "payment_intent.payment_failed", "pi_failed", "requires_payment_method", id),
				Instant.now(), SECRET);

		assertThat(status(id)).isEqualTo("FAILED");
	}

	@Test
	void aDisputeIsListedForOperationsOnce() throws Exception {
		String id = pendingPayment("pi_disputed");
		webhook(event("evt_10", "payment_intent.succeeded", "pi_disputed", "succeeded", id), Instant.now(), SECRET);
		String dispute = """
				{"id": "evt_11", "object": "event", "api_version": "%s", "created": %d, "type": \
				"charge.dispute.created",
				 "data": {"object": {"id": "dp_1", "object": "dispute", "amount": 1050, "currency": "usd",
				  "payment_intent": "pi_disputed", "charge": "ch_1", "reason": "fraudulent", "status": "needs_response"}}}"""
			.formatted(Stripe.API_VERSION, Instant.now().getEpochSecond());

		webhook(dispute, Instant.now(), SECRET);
		webhook(dispute, Instant.now(), SECRET);

		JsonNode listed = json(this.ops.get("/api/ops/payments/disputes"));
		assertThat(listed.findValuesAsString("disputeId")).containsOnlyOnce("dp_1");
		assertThat(listed.findValuesAsString("paymentId")).contains(id);
		assertThat(listed.findValuesAsString("reason")).contains("fraudulent");
		assertThat(this.alice.get("/api/ops/payments/disputes").statusCode()).isEqualTo(403);
		assertThat(status(id)).as("a dispute moves no money by itself").isEqualTo("SUCCEEDED");
	}

	@Test
	void aRefundMadeAtStripeIsRecordedOnceAndShownToTheCustomer() throws Exception {
		String id = pendingPayment("pi_refunded");
		webhook(event("evt_20", "payment_intent.succeeded", "pi_refunded", "succeeded", id), Instant.now(), SECRET);

		String refunded = charge("evt_21", "pi_refunded", 500);
		webhook(refunded, Instant.now(), SECRET);
		webhook(refunded, Instant.now(), SECRET);
		webhook(charge("evt_22", "pi_refunded", 500), Instant.now(), SECRET);

		JsonNode payment = json(this.alice.get(payments() + "/" + id));
		assertThat(payment.path("refundedAmount").asString()).isEqualTo("5.00");
		assertThat(payment.path("refunds")).hasSize(1);
		assertThat(json(this.ops.get("/api/ops/payments/" + id + "/refunds")).findValuesAsString("origin"))
			.containsExactly("processor");

		webhook(charge("evt_23", "pi_refunded", 1050), Instant.now(), SECRET);
		assertThat(json(this.alice.get(payments() + "/" + id)).path("refundedAmount").asString()).isEqualTo("10.50");
	}

	private static String charge(String eventId, String intentId, long amountRefunded) {
		return """
				{"id": "%s", "object": "event", "api_version": "%s", "created": %d, "type": "charge.refunded",
				 "data": {"object": {"id": "ch_%s", "object": "charge", "amount": 1050, "amount_refunded": %d,
				  "currency": "usd", "payment_intent": "%s", "refunded": %b, "status": "succeeded"}}}""".formatted(
				eventId, Stripe.API_VERSION, Instant.now().getEpochSecond(), intentId, amountRefunded, intentId,
				amountRefunded == 1050);
	}

	/**
	 * A payment Stripe answered {@code processing} for: pending until Stripe tells its
	 * outcome.
	 */
	private String pendingPayment(String intentId) {
		String reference = UUID.randomUUID().toString();
		STRIPE.intentCreated(intentId, "processing", reference);
		HttpResponse<String> paid = this.alice.post(payments(),
				Map.of("amount", "10.50", "currency", "USD", "paymentMethodId", this.card), "Idempotency-Key",
				UUID.randomUUID().toString());
		assertThat(paid.statusCode()).as(paid.body()).isEqualTo(202);
		return json(paid).path("paymentId").asString();
	}

	private static String event(String eventId, String type, String intentId, String status, String paymentId) {
		String error = "requires_payment_method".equals(status)
				? "{\"type\": \"card_error\", \"code\": \"card_declined\", \"decline_code\": \"generic_decline\", "
						+ "\"message\": \"Your card was declined.\"}"
				: "null";
		return """
				{"id": "%s", "object": "event", "api_version": "%s", "created": %d, "type": "%s",
				 "data": {"object": {"id": "%s", "object": "payment_intent", "amount": 1050, "currency": "usd",
				  "status": "%s", "client_secret": "%s_secret_x", "customer": "cus_x", "payment_method": "pm_x",
				  "metadata": {"portico_payment_id": "%s"}, "last_payment_error": %s}}}""".formatted(eventId,
				Stripe.API_VERSION, Instant.now().getEpochSecond(), type, intentId, status, intentId, paymentId, error);
	}

	private HttpResponse<String> webhook(String payload, Instant signedAt, String secret) throws Exception {
		return send(payload, signature(payload, signedAt, secret));
	}

	/**
	 * Stripe-Signature as Stripe writes it:
	 * {@code t=<seconds>,v1=<HMAC-SHA256 of "t.payload">}.
	 */
	private static String signature(String payload, Instant signedAt, String secret) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		long t = signedAt.getEpochSecond();
		return "t=" + t + ",v1="
				+ HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
	}

	private HttpResponse<String> send(String payload, String signature) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(LocalServer.of(this.environment).url("/api/webhooks/stripe"))
			.header("Content-Type", "application/json; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(payload));
		if (signature != null) {
			request.header("Stripe-Signature", signature);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String status(String paymentId) {
		return json(this.alice.get(payments() + "/" + paymentId)).path("status").asString();
	}

	private String payments() {
		return "/api/accounts/" + this.account + "/payments";
	}

	private String methods() {
		return "/api/accounts/" + this.account + "/payment-methods";
	}

}
