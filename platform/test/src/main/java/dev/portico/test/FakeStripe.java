package dev.portico.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Stripe with memory, on loopback: customers, PaymentMethods (created from
 * Stripe's test cards, as its card element or mobile SDK would), PaymentIntents created
 * and confirmed at once, replayed by idempotency key, found by metadata, confirmed by the
 * customer (3-D Secure) and cancelled; refunds within what was charged; and signed
 * webhooks back to payment-service. Faults: the next create answered {@code 500} before
 * or after charging, or late. It plays a third party at our edge, for payment-service's
 * tests and the end-to-end suite.
 */
public final class FakeStripe {

	public enum Fault {

		NONE,

		/** The next PaymentIntent is not created; Stripe answers 500. */
		ERROR_BEFORE_CHARGE,

		/**
		 * The next PaymentIntent is created and charged; Stripe answers 500 all the same.
		 */
		ERROR_AFTER_CHARGE,

		/** The next PaymentIntent is created and charged; the answer comes after 3 s. */
		SLOW_AFTER_CHARGE

	}

	private final HttpServer server;

	private final String webhookSecret;

	private final String apiVersion;

	private volatile String webhookUrl;

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<String, Map<String, Object>> customers = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> methods = new ConcurrentHashMap<>();

	private final Map<String, String> cardNumbers = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> intents = new ConcurrentHashMap<>();

	private final Map<String, String> replies = new ConcurrentHashMap<>();

	private final Map<String, Long> refunded = new ConcurrentHashMap<>();

	private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);

	private final AtomicInteger faultsLeft = new AtomicInteger();

	private final AtomicInteger charges = new AtomicInteger();

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * @param webhookSecret what webhooks are signed with
	 * @param apiVersion the API version webhook events name (the SDK's, to be read
	 * without its fallback)
	 */
	public FakeStripe(String webhookSecret, String apiVersion) {
		this.webhookSecret = webhookSecret;
		this.apiVersion = apiVersion;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/v1/", this::handle);
		// Requests side by side, as Stripe takes them: a slow answer holds up no other.
		this.server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void sendWebhooksTo(String url) {
		this.webhookUrl = url;
	}

	/**
	 * The next {@code times} PaymentIntent creates fail so (the SDK's own retry is one of
	 * them).
	 */
	public synchronized void failNext(Fault next, int times) {
		this.fault.set(next);
		this.faultsLeft.set(times);
	}

	/** Charges Stripe made, whoever asked and however often. */
	public int charges() {
		return this.charges.get();
	}

	/**
	 * A PaymentMethod of one of Stripe's test cards, as the card element or mobile SDK
	 * creates it.
	 */
	public String paymentMethod(String cardNumber) {
		String id = "pm_" + this.ids.incrementAndGet();
		Map<String, Object> card = new LinkedHashMap<>();
		card.put("brand", cardNumber.startsWith("4") ? "visa" : "mastercard");
		card.put("last4", cardNumber.substring(cardNumber.length() - 4));
		card.put("exp_month", 12);
		card.put("exp_year", 2031);
		Map<String, Object> method = new LinkedHashMap<>();
		method.put("id", id);
		method.put("object", "payment_method");
		method.put("type", "card");
		method.put("customer", null);
		method.put("card", card);
		method.put("billing_details", Map.of("name", "Ada Lovelace"));
		this.methods.put(id, method);
		this.cardNumbers.put(id, cardNumber);
		return id;
	}

	/**
	 * The customer confirms with their bank (3-D Secure); Stripe settles the
	 * PaymentIntent and says so by webhook.
	 */
	public void confirmByCustomer(String intentId, boolean approve) {
		Map<String, Object> intent = this.intents.get(intentId);
		if (approve) {
			intent.put("status", "succeeded");
			this.charges.incrementAndGet();
			webhook("payment_intent.succeeded", intent);
		}
		else {
			intent.put("status", "requires_payment_method");
			intent.put("last_payment_error", Map.of("type", "card_error", "code", "authentication_required", "message",
					"The card's bank did not confirm the payment."));
			webhook("payment_intent.payment_failed", intent);
		}
	}

	public void stop() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		Fault fault = (path.equals("/v1/payment_intents") && "POST".equals(method)) ? takeFault() : Fault.NONE;
		if (fault == Fault.ERROR_BEFORE_CHARGE) {
			// Nothing is created: Stripe never saw it.
			exchange.getRequestBody().readAllBytes();
			answer(exchange, 500, "{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong\"}}");
			return;
		}
		String[] reply = work(exchange, method, path);
		if (fault == Fault.ERROR_AFTER_CHARGE) {
			answer(exchange, 500, "{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong\"}}");
			return;
		}
		if (fault == Fault.SLOW_AFTER_CHARGE) {
			try {
				Thread.sleep(3_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		answer(exchange, Integer.parseInt(reply[0]), reply[1]);
	}

	private synchronized Fault takeFault() {
		if (this.faultsLeft.get() <= 0) {
			return Fault.NONE;
		}
		this.faultsLeft.decrementAndGet();
		return this.fault.get();
	}

	/**
	 * Does what the request asks, or replays what its idempotency key got the first time.
	 */
	private synchronized String[] work(HttpExchange exchange, String method, String path) throws IOException {
		Map<String, String> form = form(exchange);
		String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		if ("POST".equals(method) && key != null && this.replies.containsKey(key + " " + path)) {
			return this.replies.get(key + " " + path).split(" ", 2);
		}
		Object[] result = route(method, path, form, exchange.getRequestURI().getRawQuery());
		String[] reply = { String.valueOf(result[0]), (String) result[1] };
		if (key != null && "POST".equals(method)) {
			this.replies.put(key + " " + path, reply[0] + " " + reply[1]);
		}
		return reply;
	}

	private Object[] route(String method, String path, Map<String, String> form, String query) {
		if (path.equals("/v1/customers") && method.equals("POST")) {
			String id = "cus_" + this.ids.incrementAndGet();
			Map<String, Object> customer = Map.of("id", id, "object", "customer");
			this.customers.put(id, customer);
			return ok(customer);
		}
		if (path.startsWith("/v1/payment_methods/")) {
			String[] parts = path.substring("/v1/payment_methods/".length()).split("/");
			Map<String, Object> pm = this.methods.get(parts[0]);
			if (pm == null) {
				return error(404, "invalid_request_error", "resource_missing", null, "No such PaymentMethod");
			}
			if (parts.length == 2 && parts[1].equals("attach")) {
				if (pm.get("customer") != null && !pm.get("customer").equals(form.get("customer"))) {
					return error(400, "invalid_request_error", "payment_method_unexpected_state", null,
							"The PaymentMethod is attached to another customer.");
				}
				pm.put("customer", form.get("customer"));
			}
			else if (parts.length == 2 && parts[1].equals("detach")) {
				pm.put("customer", null);
			}
			return ok(pm);
		}
		if (path.equals("/v1/payment_intents/search")) {
			String reference = URLDecoder.decode(query, StandardCharsets.UTF_8).replaceAll(".*:'([^']*)'.*", "$1");
			String found = this.intents.values()
				.stream()
				.filter((intent) -> reference.equals(((Map<?, ?>) intent.get("metadata")).get("portico_payment_id")))
				.map(Json::write)
				.findFirst()
				.orElse("");
			return new Object[] { 200, "{\"object\": \"search_result\", \"url\": \"/v1/payment_intents/search\", "
					+ "\"has_more\": false, \"data\": [" + found + "]}" };
		}
		if (path.equals("/v1/payment_intents") && method.equals("POST")) {
			return createIntent(form);
		}
		if (path.startsWith("/v1/payment_intents/")) {
			String[] parts = path.substring("/v1/payment_intents/".length()).split("/");
			Map<String, Object> intent = this.intents.get(parts[0]);
			if (intent == null) {
				return error(404, "invalid_request_error", "resource_missing", null, "No such PaymentIntent");
			}
			if (parts.length == 2 && parts[1].equals("cancel")) {
				if (!"requires_action".equals(intent.get("status"))) {
					return error(400, "invalid_request_error", "payment_intent_unexpected_state", null,
							"This PaymentIntent's status is " + intent.get("status"));
				}
				intent.put("status", "canceled");
			}
			return ok(intent);
		}
		if (path.equals("/v1/setup_intents") && method.equals("POST")) {
			String id = "seti_" + this.ids.incrementAndGet();
			return ok(Map.of("id", id, "object", "setup_intent", "status", "requires_payment_method", "customer",
					form.get("customer"), "client_secret", id + "_secret_" + this.ids.incrementAndGet()));
		}
		if (path.equals("/v1/refunds") && method.equals("POST")) {
			Map<String, Object> intent = this.intents.get(form.get("payment_intent"));
			long amount = Long.parseLong(form.get("amount"));
			if (intent == null || !"succeeded".equals(intent.get("status"))) {
				return error(400, "invalid_request_error", "charge_not_refundable", null, "Not refundable");
			}
			long before = this.refunded.getOrDefault(intent.get("id").toString(), 0L);
			if (before + amount > ((Number) intent.get("amount")).longValue()) {
				return error(400, "invalid_request_error", "amount_too_large", null,
						"Refund amount is greater than unrefunded amount on charge.");
			}
			this.refunded.put(intent.get("id").toString(), before + amount);
			return ok(Map.of("id", "re_" + this.ids.incrementAndGet(), "object", "refund", "amount", amount, "currency",
					"usd", "payment_intent", intent.get("id"), "status", "succeeded"));
		}
		return error(404, "invalid_request_error", "resource_missing", null, "Unrecognized request URL " + path);
	}

	private Object[] createIntent(Map<String, String> form) {
		String pm = form.get("payment_method");
		Map<String, Object> method = this.methods.get(pm);
		if (method == null || !form.get("customer").equals(method.get("customer"))) {
			return error(400, "invalid_request_error", "resource_missing", null, "No such PaymentMethod for customer");
		}
		String id = "pi_" + this.ids.incrementAndGet();
		Map<String, Object> intent = new LinkedHashMap<>();
		intent.put("id", id);
		intent.put("object", "payment_intent");
		intent.put("amount", Long.parseLong(form.get("amount")));
		intent.put("currency", form.get("currency"));
		intent.put("customer", form.get("customer"));
		intent.put("payment_method", pm);
		intent.put("client_secret", id + "_secret_" + this.ids.incrementAndGet());
		intent.put("metadata", Map.of("portico_payment_id", form.get("metadata[portico_payment_id]"),
				"portico_account_id", form.get("metadata[portico_account_id]")));
		intent.put("last_payment_error", null);
		this.intents.put(id, intent);
		switch (this.cardNumbers.get(pm)) {
			case "4000000000000002", "4000000000009995" -> {
				String decline = this.cardNumbers.get(pm).endsWith("0002") ? "generic_decline" : "insufficient_funds";
				Map<String, Object> error = Map.of("type", "card_error", "code", "card_declined", "decline_code",
						decline, "message", "Your card was declined.");
				intent.put("status", "requires_payment_method");
				intent.put("last_payment_error", error);
				Map<String, Object> body = new LinkedHashMap<>(error);
				body.put("payment_intent", intent);
				return new Object[] { 402, Json.write(Map.of("error", body)) };
			}
			case "4000002500003155" -> intent.put("status", "requires_action");
			default -> {
				intent.put("status", "succeeded");
				this.charges.incrementAndGet();
			}
		}
		return ok(intent);
	}

	private void webhook(String type, Map<String, Object> object) {
		if (this.webhookUrl == null) {
			return;
		}
		String payload = Json
			.write(Map.of("id", "evt_" + this.ids.incrementAndGet(), "object", "event", "api_version", this.apiVersion,
					"created", Instant.now().getEpochSecond(), "type", type, "data", Map.of("object", object)));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			long t = Instant.now().getEpochSecond();
			String signature = "t=" + t + ",v1="
					+ HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
			HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create(this.webhookUrl))
				.header("Content-Type", "application/json; charset=utf-8")
				.header("Stripe-Signature", signature)
				.POST(HttpRequest.BodyPublishers.ofString(payload))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 200) {
				throw new IllegalStateException("webhook answered " + answer.statusCode() + ": " + answer.body());
			}
		}
		catch (IOException | InterruptedException | java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object[] ok(Map<String, Object> object) {
		return new Object[] { 200, Json.write(object) };
	}

	private static Object[] error(int status, String type, String code, String declineCode, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("type", type);
		error.put("code", code);
		if (declineCode != null) {
			error.put("decline_code", declineCode);
		}
		error.put("message", message);
		return new Object[] { status, Json.write(Map.of("error", error)) };
	}

	private static Map<String, String> form(HttpExchange exchange) throws IOException {
		Map<String, String> form = new LinkedHashMap<>();
		try (InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			for (String pair : body.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				String[] kv = pair.split("=", 2);
				form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
						(kv.length > 1) ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
			}
		}
		return form;
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Request-Id", "req_fake");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * Just enough JSON for Stripe's objects: maps, strings, numbers, booleans and null.
	 */
	static final class Json {

		private static final tools.jackson.databind.json.JsonMapper MAPPER = tools.jackson.databind.json.JsonMapper
			.builder()
			.build();

		static String write(Object value) {
			return MAPPER.writeValueAsString(value);
		}

		static String id(String json) {
			return MAPPER.readTree(json).path("id").asString();
		}

	}

}
