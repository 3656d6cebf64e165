package dev.portico.payment.method;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.payment.feature.Feature;
import dev.portico.payment.testing.PaymentApiTest;
import dev.portico.payment.testing.TestCards.Json;
import dev.portico.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.portico.payment.testing.TestCards.AMEX;
import static dev.portico.payment.testing.TestCards.DECLINED;
import static dev.portico.payment.testing.TestCards.MASTERCARD;
import static dev.portico.payment.testing.TestCards.NO_FUNDS;
import static dev.portico.payment.testing.TestCards.VISA;
import static dev.portico.payment.testing.TestCards.card;
import static dev.portico.test.ApiClient.json;
import static dev.portico.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saving, listing, changing and deleting cards through the HTTP API, as customers and as
 * ops.
 */
@ExtendWith(OutputCaptureExtension.class)
class PaymentMethodsApiTest extends PaymentApiTest {

	/**
	 * 15 November 2026: cards expiring in November 2026 are still valid, October 2026
	 * ones are not.
	 */
	private static final Instant MID_NOVEMBER_2026 = Instant.parse("2026-11-15T12:00:00Z");

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private LoggingSystem logging;

	private UUID account;

	private Client customer;

	private String methods;

	@BeforeEach
	void accountWithPaymentMethods() {
		this.account = this.accounts.add(Feature.PAYMENTS, Feature.PAYMENT_METHODS);
		this.customer = as(TestTokens.customer(this.account));
		this.methods = methodsOf(this.account);
	}

	@Test
	void addedCardIsShownByBrandAndLastFourAndBecomesTheDefault() {
		HttpResponse<String> response = this.customer.post(this.methods, saving(card(VISA).with("expMonth", 7)));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode method = json(response);
		assertThat(method.propertyNames()).containsExactlyInAnyOrder("paymentMethodId", "type", "brand", "last4",
				"expMonth", "expYear", "holderName", "isDefault");
		assertThat(method.path("type").asString()).isEqualTo("CARD");
		assertThat(method.path("brand").asString()).isEqualTo("visa");
		assertThat(method.path("last4").asString()).isEqualTo("4242");
		assertThat(method.path("expMonth").asInt()).isEqualTo(7);
		assertThat(method.path("holderName").asString()).isEqualTo("Ada Lovelace");
		assertThat(method.path("isDefault").asBoolean()).isTrue();
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).isEqualTo(this.methods + "/" + method.path("paymentMethodId").asString());
		assertThat(json(this.customer.get(location))).isEqualTo(method);
		assertThat(json(this.customer.get(this.methods))).containsExactly(method);
	}

	@Test
	void listHasTheDefaultFirstThenTheNewest() {
		String visa = add(saving(card(VISA)));
		String mastercard = add(saving(card(MASTERCARD).with("makeDefault", false)));
		String amex = add(saving(card(AMEX)));

		assertThat(ids(this.customer.get(this.methods))).containsExactly(visa, amex, mastercard);

		String newDefault = add(saving(card(VISA).with("makeDefault", true)));

		JsonNode list = json(this.customer.get(this.methods));
		assertThat(ids(list)).containsExactly(newDefault, amex, mastercard, visa);
		assertThat(list.findValues("isDefault").stream().map(JsonNode::asBoolean)).containsExactly(true, false, false,
				false);
		assertThat(list.findValuesAsString("brand")).containsExactly("visa", "amex", "mastercard", "visa");
	}

	@Test
	void firstCardIsTheDefaultEvenWhenNotAskedFor() {
		HttpResponse<String> response = this.customer.post(this.methods,
				saving(card(MASTERCARD).with("makeDefault", false)));

		assertThat(json(response).path("isDefault").asBoolean()).isTrue();
	}

	@Test
	void patchMovesTheDefault() {
		String first = add(saving(card(VISA)));
		String second = add(saving(card(MASTERCARD)));

		HttpResponse<String> response = this.customer.patch(this.methods + "/" + second, Map.of("isDefault", true));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json(response).path("isDefault").asBoolean()).isTrue();
		JsonNode list = json(this.customer.get(this.methods));
		assertThat(ids(list)).containsExactly(second, first);
		assertThat(list.get(1).path("isDefault").asBoolean()).isFalse();
		assertThat(this.customer.patch(this.methods + "/" + second, Map.of("isDefault", true)).statusCode())
			.as("already the default")
			.isEqualTo(200);
		assertThat(this.customer
			.patch(this.methods + "/" + second, "application/merge-patch+json", Map.of("isDefault", true))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void patchRecordsARenewedCardsExpiry() {
		this.clock.travelTo(MID_NOVEMBER_2026);
		String id = add(saving(card(VISA).with("expMonth", 11).with("expYear", 2026)));

		HttpResponse<String> response = this.customer.patch(this.methods + "/" + id,
				Map.of("expMonth", 3, "expYear", 2030));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode method = json(this.customer.get(this.methods + "/" + id));
		assertThat(method.path("expMonth").asInt()).isEqualTo(3);
		assertThat(method.path("expYear").asInt()).isEqualTo(2030);
		assertThat(method.path("isDefault").asBoolean()).isTrue();
	}

	@Test
	void patchRefusesAPastExpiryUndefaultingAndAnEmptyChange() {
		this.clock.travelTo(MID_NOVEMBER_2026);
		String path = this.methods + "/" + add(saving(card(VISA)));

		assertThat(fields(this.customer.patch(path, Map.of("expMonth", 10, "expYear", 2026))))
			.containsExactly("expMonth");
		assertThat(fields(this.customer.patch(path, Map.of("expMonth", 12, "expYear", 2025))))
			.containsExactly("expYear");
		assertThat(fields(this.customer.patch(path, Map.of("expMonth", 13, "expYear", 2027))))
			.containsExactly("expMonth");
		assertThat(fields(this.customer.patch(path, Map.of("expMonth", 5)))).containsExactly("expYear");
		assertThat(fields(this.customer.patch(path, Map.of("isDefault", false)))).containsExactly("isDefault");
		assertThat(fields(this.customer.patch(path, Map.of()))).containsExactlyInAnyOrder("expMonth", "expYear");
		assertThat(this.customer.patch(path, Map.of("brand", "amex")).statusCode()).isEqualTo(400);
		assertThat(this.customer.patch(path, Map.of("expMonth", "twelve", "expYear", 2030)).statusCode())
			.isEqualTo(400);
		assertThat(this.customer.patch(path, Map.of("expMonth", 11, "expYear", 2026)).statusCode())
			.as("the current month is still valid")
			.isEqualTo(200);
	}

	@Test
	void deletingTheDefaultPassesItToTheNewestRemainingCard() {
		String oldest = add(saving(card(VISA)));
		String middle = add(saving(card(MASTERCARD)));
		String newest = add(saving(card(AMEX)));

		assertThat(this.customer.delete(this.methods + "/" + oldest).statusCode()).isEqualTo(204);

		JsonNode list = json(this.customer.get(this.methods));
		assertThat(ids(list)).containsExactly(newest, middle);
		assertThat(list.get(0).path("isDefault").asBoolean()).isTrue();
		assertThat(this.customer.delete(this.methods + "/" + middle).statusCode()).isEqualTo(204);
		assertThat(json(this.customer.get(this.methods)).get(0).path("isDefault").asBoolean())
			.as("deleting another card leaves the default where it is")
			.isTrue();
		assertThat(this.customer.delete(this.methods + "/" + newest).statusCode()).isEqualTo(204);
		assertThat(json(this.customer.get(this.methods))).isEmpty();
		assertThat(this.customer.delete(this.methods + "/" + newest).statusCode()).isEqualTo(404);
	}

	@Test
	void unknownPaymentMethodIsNotFoundWhereverItIs() {
		UUID other = this.accounts.add(Feature.PAYMENT_METHODS);
		String othersCard = json(this.ops.post(methodsOf(other), saving(card(VISA)))).path("paymentMethodId")
			.asString();

		for (String id : List.of(UUID.randomUUID().toString(), othersCard, "not-a-uuid")) {
			String path = this.methods + "/" + id;
			assertProblem(this.customer.get(path), 404, "payment-method-not-found");
			assertProblem(this.customer.patch(path, Map.of("isDefault", true)), 404, "payment-method-not-found");
			assertProblem(this.customer.delete(path), 404, "payment-method-not-found");
		}
		assertThat(json(this.ops.get(methodsOf(other)))).hasSize(1);
	}

	@Test
	void malformedBodiesAreBadRequests() {
		assertProblem(this.customer.post(this.methods, Map.of("processorToken", List.of("pm_1"))), 400,
				"malformed-request");
		assertProblem(this.customer.post(this.methods, Map.of("processorToken", Map.of("n", 1))), 400,
				"malformed-request");
		assertProblem(this.customer.post(this.methods, saving(card(VISA)).with("pin", "0000")), 400,
				"malformed-request");
		assertProblem(this.customer.post(this.methods, "{\"processorToken\": "), 400, "malformed-request");
		assertProblem(this.customer.post(this.methods, saving(card(VISA)).with("makeDefault", List.of(true))), 400,
				"malformed-request");
	}

	@Test
	void theCardFormIsTheSimulatorsAndNeedsNothingPrepared() {
		JsonNode setup = json(this.customer.post(this.methods + "/setup", Map.of()));

		assertThat(setup.path("processor").asString()).isEqualTo("simulated");
		assertThat(setup.path("tokensUrl").asString()).isEqualTo(TOKENS);
		assertThat(setup.has("clientSecret")).isFalse();
	}

	@Test
	void cardNumbersAreNotTakenAnyMore() {
		JsonNode problem = assertProblem(this.customer.post(this.methods, card(VISA)), 400, "malformed-request");

		assertThat(problem.toString()).doesNotContain(VISA);
		assertThat(json(this.customer.get(this.methods))).isEmpty();
	}

	@Test
	void aTokenMustBeTheProcessorsAndNotAnotherCustomers() {
		String token = tokenFor(card(VISA));
		UUID other = this.accounts.add(Feature.PAYMENTS, Feature.PAYMENT_METHODS);
		assertThat(this.ops.post(methodsOf(other), Map.of("processorToken", token)).statusCode()).isEqualTo(201);

		assertThat(fields(this.customer.post(this.methods, Map.of("processorToken", token))))
			.containsExactly("processorToken");
		assertThat(fields(this.customer.post(this.methods, Map.of("processorToken", "pm_sim_ok_made_up"))))
			.containsExactly("processorToken");
		assertThat(fields(this.customer.post(this.methods, Map.of("processorToken", "pm_1 OR 1=1"))))
			.containsExactly("processorToken");
		assertThat(fields(this.customer.post(this.methods, Map.of("processorToken", "x".repeat(256)))))
			.containsExactly("processorToken");
		assertThat(fields(this.customer.post(this.methods, Map.of()))).containsExactly("processorToken");
		assertThat(json(this.customer.get(this.methods))).isEmpty();
	}

	@Test
	void aTokenIsSavedOnce() {
		String token = tokenFor(card(VISA));
		assertThat(this.customer.post(this.methods, Map.of("processorToken", token)).statusCode()).isEqualTo(201);

		assertProblem(this.customer.post(this.methods, Map.of("processorToken", token)), 409,
				"payment-method-already-saved");
		assertThat(json(this.customer.get(this.methods))).hasSize(1);
	}

	@Test
	void whatIsShownOfACardComesFromTheProcessor() {
		String token = tokenFor(card(MASTERCARD).with("expMonth", 4).with("holderName", "  Zoë Ng  "));

		JsonNode method = json(this.customer.post(this.methods, Map.of("processorToken", token)));

		assertThat(method.path("brand").asString()).isEqualTo("mastercard");
		assertThat(method.path("last4").asString()).isEqualTo("4444");
		assertThat(method.path("expMonth").asInt()).isEqualTo(4);
		assertThat(method.path("holderName").asString()).isEqualTo("Zoë Ng");
	}

	@Test
	void anAccountKeepsAtMostTwentyCards() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < PaymentMethodService.MAX_PER_ACCOUNT; i++) {
			ids.add(add(saving(card(VISA))));
		}

		assertProblem(this.customer.post(this.methods, saving(card(MASTERCARD))), 409, "too-many-payment-methods");

		this.customer.delete(this.methods + "/" + ids.get(3));
		assertThat(this.customer.post(this.methods, saving(card(MASTERCARD))).statusCode()).isEqualTo(201);
	}

	@Test
	void switchedOffPaymentMethodsAreForbiddenWhateverIsSent() {
		UUID withoutMethods = this.accounts.add(Feature.PAYMENTS);
		Client owner = as(TestTokens.customer(withoutMethods));
		String path = methodsOf(withoutMethods);
		String someId = path + "/" + UUID.randomUUID();

		JsonNode problem = assertProblem(owner.get(path), 403, "feature-disabled");
		assertThat(problem.path("detail").asString()).contains("Payment methods");
		assertThat(problem.path("feature").asString()).isEqualTo("paymentMethods");
		for (Object body : List.of(saving(card(VISA)), Map.of(), "{not json", card(VISA).with("pin", 1))) {
			assertProblem(owner.post(path, body), 403, "feature-disabled");
		}
		assertProblem(owner.get(someId), 403, "feature-disabled");
		assertProblem(owner.patch(someId, "{not json"), 403, "feature-disabled");
		assertProblem(owner.delete(someId), 403, "feature-disabled");
		assertProblem(owner.post(path + "/setup", Map.of()), 403, "feature-disabled");
		assertProblem(this.ops.post(path, saving(card(VISA))), 403, "feature-disabled");

		this.accounts.enable(withoutMethods, Feature.PAYMENT_METHODS);
		assertThat(owner.post(path, saving(card(VISA))).statusCode()).isEqualTo(201);
		this.accounts.disable(withoutMethods, Feature.PAYMENT_METHODS);
		assertProblem(owner.get(path), 403, "feature-disabled");
	}

	@Test
	void eachAccountsOwnSwitchCounts() {
		UUID child = this.accounts.child(this.account, Feature.PAYMENTS);

		assertProblem(this.customer.get(methodsOf(child)), 403, "feature-disabled");
		assertThat(this.customer.get(this.methods).statusCode()).isEqualTo(200);
	}

	@Test
	void customersReachTheirOwnAccountAndThoseBelowItOnly() {
		UUID child = this.accounts.child(this.account);
		UUID stranger = this.accounts.add(Feature.PAYMENTS, Feature.PAYMENT_METHODS);
		UUID strangerWithoutMethods = this.accounts.add();
		Client childCustomer = as(TestTokens.customer(child));

		assertThat(this.customer.post(methodsOf(child), saving(card(VISA))).statusCode()).isEqualTo(201);
		assertProblem(childCustomer.get(this.methods), 404, "account-not-found");
		assertProblem(this.customer.get(methodsOf(stranger)), 404, "account-not-found");
		assertProblem(this.customer.post(methodsOf(stranger), saving(card(VISA))), 404, "account-not-found");
		assertProblem(this.customer.post(methodsOf(stranger), "{not json"), 404, "account-not-found");
		assertProblem(this.customer.delete(methodsOf(stranger) + "/" + UUID.randomUUID()), 404, "account-not-found");
		assertProblem(this.customer.get(methodsOf(strangerWithoutMethods)), 404, "account-not-found");
		assertProblem(this.customer.get(methodsOf(UUID.randomUUID())), 404, "account-not-found");
		assertThat(this.ops.post(methodsOf(stranger), saving(card(VISA))).statusCode()).isEqualTo(201);
		assertThat(as(null).get(this.methods).statusCode()).isEqualTo(401);
	}

	@Test
	void cardNumbersAndCvcsReachNeitherTheLogsNorTheDatabase(CapturedOutput output) {
		Map<String, String> cvcs = Map.of(VISA, "737", DECLINED, "618", NO_FUNDS, "904", AMEX, "4071");
		List<HttpResponse<String>> responses = new ArrayList<>();
		// As verbose as an operator could make it: request bodies as Spring reads them,
		// and every SQL parameter.
		List<String> loggers = List.of("org.springframework.web", "org.springframework.jdbc.core", "dev.portico");
		loggers.forEach((name) -> this.logging.setLogLevel(name, LogLevel.TRACE));
		Client anonymous = as(null);
		try {
			cvcs.forEach((number, cvc) -> responses.add(save(anonymous.post(TOKENS, card(number).with("cvc", cvc)))));
			responses.add(save(anonymous.post(TOKENS, card("4000 0000 0000 0002").with("cvc", "552"))));
			responses.add(anonymous.post(TOKENS, card(VISA).with("cvc", "7391")));
			responses.add(anonymous.post(TOKENS, card("4000000000000029").with("cvc", "8264")));
			responses.add(this.customer.post(this.methods, card(VISA).with("cvc", "315")));
			responses.add(this.customer.get(this.methods));
		}
		finally {
			loggers.forEach((name) -> this.logging.setLogLevel(name, null));
		}

		assertThat(responses.stream().map(HttpResponse::statusCode)).containsExactly(201, 201, 201, 201, 201, 422, 422,
				400, 200);
		assertThat(output.getAll()).as("the request bodies were logged, masked")
			.contains("CardForm[", "cvc=***", "AddPaymentMethodRequest[processorToken=***");
		List<String> secrets = List.of(VISA, DECLINED, NO_FUNDS, AMEX, "4000 0000 0000 0002", "4000000000000029",
				"424242424242", "400000000000", "37828224631");
		List<String> seen = new ArrayList<>(List.of(output.getAll()));
		responses.forEach((response) -> seen.add(response.body()));
		List<Map<String, Object>> rows = new ArrayList<>(
				this.jdbc.sql("SELECT * FROM payment_method").query().listOfRows());
		assertThat(rows).filteredOn((row) -> this.account.equals(row.get("account_id"))).hasSize(5);
		assertThat(rows.get(0).keySet()).containsExactlyInAnyOrder("id", "account_id", "processor_token", "brand",
				"last4", "exp_month", "exp_year", "holder_name", "is_default", "created_at");
		rows.addAll(this.jdbc.sql("SELECT * FROM simulated_card").query().listOfRows());
		rows.forEach((row) -> row.values().forEach((value) -> seen.add(String.valueOf(value))));
		for (String text : seen) {
			assertThat(text).doesNotContain(secrets);
			for (String cvc : List.of("737", "618", "904", "4071", "552", "7391", "8264", "315")) {
				// A bare 3-digit CVC may occur by chance in a timestamp or an id; next to
				// its name or quoted it may not.
				assertThat(text).doesNotContainPattern("(?i)cvc\\W{0,8}" + cvc).doesNotContain("\"" + cvc + "\"");
			}
		}
	}

	/** Saves the card a token answer is for, answering as the save did. */
	private HttpResponse<String> save(HttpResponse<String> token) {
		assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
		return this.customer.post(this.methods,
				Map.of("processorToken", json(token).path("processorToken").asString()));
	}

	private String add(Json card) {
		HttpResponse<String> response = this.customer.post(this.methods, card);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response).path("paymentMethodId").asString();
	}

	private static String methodsOf(UUID account) {
		return "/api/accounts/" + account + "/payment-methods";
	}

	private static List<String> ids(HttpResponse<String> response) {
		return ids(json(response));
	}

	private static List<String> ids(JsonNode list) {
		return list.findValuesAsString("paymentMethodId");
	}

	private static List<String> fields(HttpResponse<String> response) {
		return assertProblem(response, 422, "validation-failed").path("errors").findValuesAsString("field");
	}

}
