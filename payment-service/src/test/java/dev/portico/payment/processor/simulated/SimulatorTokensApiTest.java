package dev.portico.payment.processor.simulated;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.portico.payment.feature.Feature;
import dev.portico.payment.testing.PaymentApiTest;
import dev.portico.payment.testing.TestCards.Json;
import dev.portico.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static dev.portico.payment.testing.TestCards.AMEX;
import static dev.portico.payment.testing.TestCards.VISA;
import static dev.portico.payment.testing.TestCards.card;
import static dev.portico.test.ApiClient.json;
import static dev.portico.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated processor's card form, as a browser posts to it without a token of ours:
 * every check a real processor's card element makes, each field at fault reported at
 * once.
 */
class SimulatorTokensApiTest extends PaymentApiTest {

	/**
	 * 15 November 2026: cards expiring in November 2026 are still valid, October 2026
	 * ones are not.
	 */
	private static final Instant MID_NOVEMBER_2026 = Instant.parse("2026-11-15T12:00:00Z");

	private Client anonymous;

	@BeforeEach
	void anonymousBrowser() {
		this.anonymous = as(null);
	}

	@Test
	void aCardBecomesATokenWithItsBrandAndLastFour() {
		HttpResponse<String> response = this.anonymous.post(TOKENS, card(AMEX));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(json(response).path("processorToken").asString()).startsWith("pm_sim_ok_");
		assertThat(json(response).path("brand").asString()).isEqualTo("amex");
		assertThat(json(response).path("last4").asString()).isEqualTo("0005");
		assertThat(response.body()).doesNotContain("378282246310005", "1234");
	}

	@Test
	void malformedCardsAreBadRequests() {
		assertProblem(this.anonymous.post(TOKENS, card(VISA).with("expMonth", "twelve")), 400, "malformed-request");
		assertProblem(this.anonymous.post(TOKENS, card(VISA).with("cardNumber", Map.of("n", 1))), 400,
				"malformed-request");
		assertProblem(this.anonymous.post(TOKENS, card(VISA).with("pin", "0000")), 400, "malformed-request");
		assertProblem(this.anonymous.post(TOKENS, "{\"cardNumber\": "), 400, "malformed-request");
	}

	@Test
	void missingFieldsAreAllReportedAtOnce() {
		JsonNode problem = assertProblem(this.anonymous.post(TOKENS, Map.of()), 422, "validation-failed");

		assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("cardNumber",
				"expMonth", "expYear", "cvc", "holderName");
		assertThat(problem.path("errors").findValuesAsString("message")).containsOnly("is required");
	}

	@Test
	void everyFieldAtFaultIsReportedAtOnce() {
		Json body = card("4242424242424241").with("expMonth", 13).with("cvc", "12").with("holderName", "A");

		assertThat(fields(this.anonymous.post(TOKENS, body))).containsExactlyInAnyOrder("cardNumber", "expMonth", "cvc",
				"holderName");
	}

	@ParameterizedTest
	@ValueSource(strings = { "4242abcd42424242", "4242.4242.4242.4242", "42424242424", "42424242424242424242",
			"4242424242424241", "-", "   " })
	void cardNumberMustBeTwelveToNineteenDigitsPassingTheLuhnCheck(String number) {
		assertThat(fields(this.anonymous.post(TOKENS, card(VISA).with("cardNumber", number))))
			.containsExactly("cardNumber");
	}

	@ParameterizedTest
	@ValueSource(strings = { "4242 4242 4242 4242", "4242-4242-4242-4242", " 4242424242424242 " })
	void cardNumberMayBeGroupedBySpacesOrDashes(String number) {
		HttpResponse<String> response = this.anonymous.post(TOKENS, card(VISA).with("cardNumber", number));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(json(response).path("last4").asString()).isEqualTo("4242");
	}

	@ParameterizedTest
	@CsvSource({ "0, 2027, expMonth", "13, 2027, expMonth", "10, 2026, expMonth", "12, 2025, expYear", "1, 27, expYear",
			"1, 2047, expYear" })
	void expiryMustBeAMonthNotInThePast(int month, int year, String field) {
		this.clock.travelTo(MID_NOVEMBER_2026);

		assertThat(fields(this.anonymous.post(TOKENS, card(VISA).with("expMonth", month).with("expYear", year))))
			.containsExactly(field);
	}

	@ParameterizedTest
	@CsvSource({ "11, 2026", "12, 2046" })
	void expiryFromThisMonthToTwentyYearsAheadIsAccepted(int month, int year) {
		this.clock.travelTo(MID_NOVEMBER_2026);

		assertThat(this.anonymous.post(TOKENS, card(VISA).with("expMonth", month).with("expYear", year)).statusCode())
			.isEqualTo(201);
	}

	@ParameterizedTest
	@CsvSource({ "4242424242424242, 12", "4242424242424242, 1234", "4242424242424242, 12a", "5555555555554444, 1234",
			"378282246310005, 123", "378282246310005, 12345", "4242424242424242, ''" })
	void cvcMustBeFourDigitsForAmexAndThreeOtherwise(String number, String cvc) {
		assertThat(fields(this.anonymous.post(TOKENS, card(number).with("cvc", cvc)))).containsExactly("cvc");
	}

	@Test
	void cvcIsCheckedOnItsOwnWhenTheNumberIsWrong() {
		assertThat(fields(this.anonymous.post(TOKENS, card("4242").with("cvc", "1234")))).containsExactly("cardNumber");
		assertThat(fields(this.anonymous.post(TOKENS, card("4242").with("cvc", "12345"))))
			.containsExactlyInAnyOrder("cardNumber", "cvc");
		assertThat(this.anonymous.post(TOKENS, card(AMEX).with("cvc", "1234")).statusCode()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(strings = { "A", "   ", " B ", "Ada\u0000Lovelace", "Ada\nLovelace" })
	void holderNameMustBeTwoToOneHundredPrintableCharacters(String name) {
		assertThat(fields(this.anonymous.post(TOKENS, card(VISA).with("holderName", name))))
			.containsExactly("holderName");
		assertThat(fields(this.anonymous.post(TOKENS, card(VISA).with("holderName", "x".repeat(101)))))
			.containsExactly("holderName");
	}

	@Test
	void holderNameIsTrimmedAndMayBeLongOrShort() {
		UUID account = this.accounts.add(Feature.PAYMENTS, Feature.PAYMENT_METHODS);
		assertThat(json(as(TestTokens.customer(account)).post("/api/accounts/" + account + "/payment-methods",
				saving(card(VISA).with("holderName", "  Zoë Ng  "))))
			.path("holderName")
			.asString()).isEqualTo("Zoë Ng");
		assertThat(this.anonymous.post(TOKENS, card(VISA).with("holderName", "Al")).statusCode()).isEqualTo(201);
		assertThat(this.anonymous.post(TOKENS, card(VISA).with("holderName", "x".repeat(100))).statusCode())
			.isEqualTo(201);
	}

	private static java.util.List<String> fields(HttpResponse<String> response) {
		return assertProblem(response, 422, "validation-failed").path("errors").findValuesAsString("field");
	}

}
