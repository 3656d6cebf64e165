package dev.portico.payment.processor.stripe;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Stripe's API on loopback, played by WireMock with bodies shaped on Stripe's API
 * reference: customers, payment methods, payment intents (created and confirmed at once,
 * searched by metadata, cancelled) and refunds.
 */
final class StripeApi {

	final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

	StripeApi start() {
		this.server.start();
		return this;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	void stop() {
		this.server.stop();
	}

	void reset() {
		this.server.resetAll();
	}

	void customerCreated(String customerId) {
		stub(post(urlPathEqualTo("/v1/customers")), 200, """
				{"id": "%s", "object": "customer", "metadata": {}}""".formatted(customerId));
	}

	void paymentMethod(String id, String customer, String brand, String last4) {
		String owner = (customer != null) ? "\"" + customer + "\"" : "null";
		stub(get(urlPathEqualTo("/v1/payment_methods/" + id)), 200, paymentMethodJson(id, owner, brand, last4));
		stub(post(urlPathEqualTo("/v1/payment_methods/" + id + "/attach")), 200,
				paymentMethodJson(id, "\"cus_portico\"", brand, last4));
	}

	void setupIntentCreated(String id) {
		stub(post(urlPathEqualTo("/v1/setup_intents")), 200, """
				{"id": "%s", "object": "setup_intent", "status": "requires_payment_method", "customer": "cus_portico",
				 "client_secret": "%s_secret_abc", "usage": "on_session"}""".formatted(id, id));
	}

	void noSuchPaymentMethod(String id) {
		stub(get(urlPathEqualTo("/v1/payment_methods/" + id)), 404,
				error("invalid_request_error", "resource_missing", null, "No such PaymentMethod: '" + id + "'", null));
	}

	/** {@code POST /v1/payment_intents} answers a PaymentIntent in {@code status}. */
	void intentCreated(String id, String status, String reference) {
		stub(post(urlPathEqualTo("/v1/payment_intents")), 200, intent(id, status, reference, null));
	}

	void intentCreated(ResponseDefinitionBuilder answer) {
		this.server.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(answer));
	}

	/**
	 * The card is declined: Stripe's 402 card error, with the PaymentIntent left needing
	 * another card.
	 */
	void intentDeclined(String id, String reference, String declineCode, String message) {
		stub(post(urlPathEqualTo("/v1/payment_intents")), 402, error("card_error", "card_declined", declineCode,
				message, intent(id, "requires_payment_method", reference, declineCode)));
	}

	void searchFinds(String id, String status, String reference) {
		stub(get(urlPathEqualTo("/v1/payment_intents/search")), 200, """
				{"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false, "data": [%s]}"""
			.formatted((id != null) ? intent(id, status, reference, null) : ""));
	}

	void canceled(String id, String reference) {
		stub(post(urlPathEqualTo("/v1/payment_intents/" + id + "/cancel")), 200,
				intent(id, "canceled", reference, null));
	}

	void refunded(String refundId, String intentId, long amount) {
		stub(post(urlPathEqualTo("/v1/refunds")), 200, """
				{"id": "%s", "object": "refund", "amount": %d, "currency": "usd", "payment_intent": "%s",
				 "status": "succeeded", "metadata": {}}""".formatted(refundId, amount, intentId));
	}

	void refundRefused(String code, String message) {
		stub(post(urlPathEqualTo("/v1/refunds")), 400, error("invalid_request_error", code, null, message, null));
	}

	static String intent(String id, String status, String reference, String declineCode) {
		String lastError = (declineCode != null) ? """
				{"type": "card_error", "code": "card_declined", "decline_code": "%s", "message": "Your card \
				was declined."}""".formatted(declineCode) : "null";
		return """
				{"id": "%s", "object": "payment_intent", "amount": 1050, "currency": "usd", "status": "%s",
				 "client_secret": "%s_secret_abc", "customer": "cus_portico", "payment_method": "pm_card",
				 "metadata": {"portico_payment_id": "%s"}, "last_payment_error": %s}""".formatted(id, status, id,
				reference, lastError);
	}

	private static String paymentMethodJson(String id, String customer, String brand, String last4) {
		return """
				{"id": "%s", "object": "payment_method", "type": "card", "customer": %s,
				 "card": {"brand": "%s", "last4": "%s", "exp_month": 8, "exp_year": 2031},
				 "billing_details": {"name": "Ada Lovelace"}}""".formatted(id, customer, brand, last4);
	}

	private static String error(String type, String code, String declineCode, String message, String intent) {
		StringBuilder json = new StringBuilder("{\"error\": {\"type\": \"" + type + "\", \"code\": \"" + code + "\"");
		if (declineCode != null) {
			json.append(", \"decline_code\": \"").append(declineCode).append('"');
		}
		json.append(", \"message\": \"").append(message).append('"');
		if (intent != null) {
			json.append(", \"payment_intent\": ").append(intent);
		}
		return json.append("}}").toString();
	}

	private void stub(MappingBuilder request, int status, String body) {
		this.server.stubFor(request.willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("Request-Id", "req_test")
			.withBody(body)));
	}

}
