package dev.portico.payment.payment;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.portico.payment.feature.Feature;
import dev.portico.payment.testing.PaymentApiTest;
import dev.portico.payment.testing.TestCards;
import dev.portico.test.TestTokens;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.portico.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of the bodies customers send to pay and to save cards: jqwik
 * generates request bodies of every shape (numbers with huge exponents or thousands of
 * digits, wrong types, deep nesting, broken JSON, control characters), and every one of
 * them must be answered by a client error or a success, never a {@code 500}, and the
 * service must keep answering. The arbitraries are sampled inside a Spring test (jqwik's
 * engine does not run Spring's extension), fresh on every run, and a failure names the
 * body that caused it.
 */
class PaymentBodiesFuzzTest extends PaymentApiTest {

	static final InvoiceServiceStub INVOICES = new InvoiceServiceStub();

	private static final int TRIES = 400;

	private UUID account;

	private Client alice;

	private String card;

	@DynamicPropertySource
	static void invoiceService(DynamicPropertyRegistry registry) {
		registry.add("portico.payments.invoice-service-url", INVOICES::url);
	}

	@BeforeEach
	void accountWithACard() {
		this.account = this.accounts.add(Feature.PAYMENTS, Feature.PAYMENT_METHODS);
		INVOICES.owes(this.account, "100000.00", UUID.randomUUID(), "OPEN", "100000.00");
		this.alice = as(TestTokens.customer(this.account));
		HttpResponse<String> added = this.alice.post(methods(), saving(TestCards.card(TestCards.VISA)));
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		this.card = json(added).path("paymentMethodId").asString();
	}

	@Test
	void noPaymentBodyIsAServerError() {
		Arbitrary<String> bodies = Arbitraries.frequencyOf(
				net.jqwik.api.Tuple.of(8, Combinators
					.combine(field("amount", amounts()), field("currency", currencies()),
							field("paymentMethodId", ids(this.card)), field("invoiceId", ids(this.card)), extraField())
					.as(PaymentBodiesFuzzTest::object)),
				// A valid payment with one field replaced: the rules one at a time.
				net.jqwik.api.Tuple.of(4,
						Combinators
							.combine(Arbitraries.of("amount", "currency", "paymentMethodId", "invoiceId", "none"),
									Arbitraries.oneOf(amounts(), currencies(), ids(this.card)))
							.as(this::validPaymentBut)),
				net.jqwik.api.Tuple.of(2, malformed()));
		forEach(bodies, (body, i) -> this.alice.post(payments(), body, "Idempotency-Key", "fuzz-" + i));
	}

	@Test
	void noPaymentMethodBodyIsAServerError() {
		Arbitrary<String> adds = Arbitraries
			.frequencyOf(
					net.jqwik.api.Tuple.of(8,
							Combinators.combine(field("cardNumber", cardNumbers()), field("expMonth", integers()),
									field("expYear", integers()), field("cvc", texts()), field("holderName", texts()))
								.as(PaymentBodiesFuzzTest::object)),
					// A valid card with one field replaced: the rules one at a time.
					net.jqwik.api.Tuple.of(4,
							Combinators
								.combine(
										Arbitraries.of("cardNumber", "expMonth", "expYear", "cvc", "holderName",
												"none"),
										Arbitraries.oneOf(cardNumbers(), integers(), texts(), booleans()))
								.as(PaymentBodiesFuzzTest::validCardBut)),
					net.jqwik.api.Tuple.of(2, malformed()));
		Client browser = as(null);
		forEach(adds, (body, i) -> browser.post(TOKENS, body));
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			tokens.add(quoted(tokenFor(TestCards.card(TestCards.MASTERCARD))));
		}
		Arbitrary<String> saves = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8,
				Combinators
					.combine(field("processorToken", Arbitraries.oneOf(texts(), Arbitraries.of(tokens))),
							field("makeDefault", booleans()))
					.as(PaymentBodiesFuzzTest::object)),
				net.jqwik.api.Tuple.of(2, malformed()));
		forEach(saves, (body, i) -> this.alice.post(methods(), body));
		Arbitrary<String> updates = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8,
				Combinators
					.combine(field("isDefault", booleans()), field("expMonth", integers()),
							field("expYear", integers()))
					.as(PaymentBodiesFuzzTest::object)),
				net.jqwik.api.Tuple.of(2, malformed()));
		forEach(updates, (body, i) -> this.alice.patch(methods() + "/" + this.card, body));
	}

	private void forEach(Arbitrary<String> bodies, Request request) {
		List<String> samples = bodies.sampleStream().limit(TRIES).toList();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < samples.size(); i++) {
			String body = samples.get(i);
			long started = System.nanoTime();
			HttpResponse<String> response = request.send(body, i);
			// Generous, and still far below what expanding 1E+999999999 to its billion
			// digits takes.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time to answer %s", abbreviated(body))
				.isLessThan(Duration.ofSeconds(5));
			assertThat(response.statusCode()).as("%s answered %s", abbreviated(body), response.body())
				.isBetween(200, 499);
			if (response.statusCode() >= 400) {
				assertThat(response.headers().firstValue("Content-Type")).as(abbreviated(body))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			}
			statuses.add(response.statusCode());
		}
		// The generators reach both sides: some bodies pass, most are refused.
		assertThat(statuses).anyMatch((status) -> status < 300).anyMatch((status) -> status >= 400);
		assertThat(this.alice.get(payments()).statusCode()).as("still answering").isEqualTo(200);
	}

	private static String abbreviated(String body) {
		return (body.length() > 300) ? body.substring(0, 300) + "… (" + body.length() + " characters)" : body;
	}

	private static Arbitrary<String> amounts() {
		return Arbitraries.oneOf(
				// Plausible amounts, as strings and as JSON numbers.
				Arbitraries.bigDecimals()
					.between(java.math.BigDecimal.ZERO, new java.math.BigDecimal("200"))
					.ofScale(2)
					.map((amount) -> quoted(amount.toPlainString())),
				Arbitraries.bigDecimals()
					.between(new java.math.BigDecimal("-1E+20"), new java.math.BigDecimal("1E+20"))
					.ofScale(6)
					.map(java.math.BigDecimal::toPlainString),
				// Exponents, digit counts and spellings that must never be expanded or
				// parsed as numbers.
				Arbitraries.integers()
					.between(-999_999_999, 999_999_999)
					.map((exponent) -> "1E" + ((exponent >= 0) ? "+" : "") + exponent),
				Arbitraries.integers().between(-999_999_999, 999_999_999).map((exponent) -> quoted("1e" + exponent)),
				Arbitraries.integers().between(1, 20_000).map((digits) -> "9".repeat(digits)),
				Arbitraries.integers().between(1, 20_000).map((digits) -> quoted("0." + "0".repeat(digits) + "1")),
				Arbitraries.of("1E+999999999", "\"1E+999999999\"", "\"1e-999999999\"", "-1E+999999999"),
				Arbitraries.of("\"NaN\"", "\"Infinity\"", "\"-0\"", "-0", "0", "\"\"", "\" \"", "\"0x10\"", "\"1,00\"",
						"\"10.00 USD\"", "1.0e", "true", "[]", "{}", "[1]", "{\"value\":\"1\"}", "\"\\u0000\""),
				texts());
	}

	private static Arbitrary<String> currencies() {
		return Arbitraries
			.oneOf(Arbitraries.of("\"USD\"", "\"usd\"", "\"EUR\"", "\"JPY\"", "\"XXX\"", "\"\"", "1", "[]"), texts());
	}

	private static Arbitrary<String> ids(String real) {
		return Arbitraries.oneOf(Arbitraries.just(quoted(real)),
				Arbitraries.create(() -> quoted(UUID.randomUUID().toString())),
				Arbitraries.of("\"not-a-uuid\"", "\"00000000-0000-0000-0000-000000000000\"", "42", "{}"), texts());
	}

	private static Arbitrary<String> cardNumbers() {
		return Arbitraries.oneOf(
				Arbitraries.of(quoted(TestCards.VISA), quoted(TestCards.DECLINED), quoted("4242 4242 4242 4242"),
						quoted("4242-4242-4242-4242"), "4242424242424242", "4.242424242424242E15"),
				Arbitraries.strings().numeric().ofMaxLength(40).map(PaymentBodiesFuzzTest::quoted), texts());
	}

	private static Arbitrary<String> integers() {
		return Arbitraries.oneOf(Arbitraries.integers().between(-5, 3000).map(String::valueOf), Arbitraries
			.of("99999999999999999999999", "1e10", "1E+999999999", "12.5", "\"12\"", "-2147483649", "null"), texts());
	}

	private static Arbitrary<String> booleans() {
		return Arbitraries.of("true", "false", "\"yes\"", "1", "null", "{}");
	}

	/**
	 * Strings of any characters, some short, some of tens of thousands, escaped as JSON
	 * wants.
	 */
	private static Arbitrary<String> texts() {
		return Arbitraries
			.oneOf(Arbitraries.strings().ofMaxLength(30), Arbitraries.strings().ofMinLength(1000).ofMaxLength(30_000),
					Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(10))
			.map(PaymentBodiesFuzzTest::quoted);
	}

	/** A field as {@code "name": value}, left out one time in five. */
	private static Arbitrary<String> field(String name, Arbitrary<String> values) {
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, values.map((value) -> "\"" + name + "\": " + value)),
				net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
	}

	private static Arbitrary<String> extraField() {
		return Arbitraries.of("", "\"status\": \"SUCCEEDED\"", "\"accountId\": \"" + UUID.randomUUID() + "\"",
				"\"amount\": \"1\"", "\"__proto__\": {}");
	}

	/** Bodies that are not a JSON object of fields at all. */
	private static Arbitrary<String> malformed() {
		return Arbitraries.oneOf(
				Arbitraries.of("", "null", "[]", "\"text\"", "42", "{", "{\"amount\":", "{}}", "{,}", "\u0000",
						"{\"amount\": 1, \"amount\": 2}"),
				Arbitraries.integers().between(1, 5000).map((depth) -> "[".repeat(depth) + "]".repeat(depth)),
				Arbitraries.integers()
					.between(1, 5000)
					.map((depth) -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
				Arbitraries.strings().ofMaxLength(200));
	}

	private String validPaymentBut(String field, String value) {
		List<String> fields = new ArrayList<>();
		java.util.Map.of("amount", "\"1.00\"", "currency", "\"USD\"", "paymentMethodId", quoted(this.card))
			.forEach((name, valid) -> fields.add("\"" + name + "\": " + (name.equals(field) ? value : valid)));
		if (field.equals("invoiceId")) {
			fields.add("\"invoiceId\": " + value);
		}
		return object(fields.toArray(String[]::new));
	}

	private static String validCardBut(String field, String value) {
		List<String> fields = new ArrayList<>();
		TestCards.card(TestCards.MASTERCARD)
			.forEach((name, valid) -> fields.add("\"" + name + "\": "
					+ (name.equals(field) ? value : (valid instanceof String text) ? quoted(text) : valid)));
		return object(fields.toArray(String[]::new));
	}

	private static String object(String... fields) {
		return "{" + String.join(", ", java.util.Arrays.stream(fields).filter((field) -> !field.isEmpty()).toList())
				+ "}";
	}

	private static String quoted(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

	private String payments() {
		return "/api/accounts/" + this.account + "/payments";
	}

	private String methods() {
		return "/api/accounts/" + this.account + "/payment-methods";
	}

	private interface Request {

		HttpResponse<String> send(String body, int index);

	}

}
