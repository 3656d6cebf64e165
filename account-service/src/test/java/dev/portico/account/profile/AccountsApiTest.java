package dev.portico.account.profile;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.account.testing.AccountApiTest;
import dev.portico.account.testing.Api;
import dev.portico.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static dev.portico.account.testing.AccountMother.account;
import static dev.portico.account.testing.Api.json;
import static dev.portico.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening accounts, reading and patching profiles, over HTTP with real tokens on real
 * PostgreSQL.
 */
@TestPropertySource(properties = "portico.accounts.max-depth=3")
class AccountsApiTest extends AccountApiTest {

	@Test
	void opsOpensAnAccountAndGetsItsProfileWithLocation() {
		HttpResponse<String> response = this.ops.post("/api/accounts", account("Northwind Holdings").body());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode profile = json(response);
		String id = profile.path("accountId").asString();
		assertThat(response.headers().firstValue("Location")).hasValue("/api/accounts/" + id);
		assertThat(profile.path("accountNumber").asString()).matches("A-\\d{6}");
		assertThat(profile.path("status").asString()).isEqualTo("ACTIVE");
		assertThat(profile.path("currency").asString()).isEqualTo("EUR");
		assertThat(profile.path("billDay").asInt()).isEqualTo(1);
		assertThat(profile.path("contact").path("phone").asString()).isEqualTo("+49301234567");
		assertThat(profile.path("billingAddress").path("country").asString()).isEqualTo("DE");
		assertThat(profile.path("packages").isArray()).isTrue();
		assertThat(profile.path("parent").isNull()).isTrue();
		assertThat(profile.path("invoicedByParent").asBoolean()).isFalse();
		assertThat(json(this.ops.get("/api/accounts/" + id))).isEqualTo(profile);
	}

	@Test
	void childProfileNamesItsParent() {
		UUID parent = this.ops.open(account("Northwind Holdings"));
		UUID child = this.ops.open(account("Northwind Retail").below(parent).invoicedByParent());

		JsonNode profile = json(this.ops.get("/api/accounts/" + child));

		assertThat(profile.path("parent").path("accountId").asString()).isEqualTo(parent.toString());
		assertThat(profile.path("parent").path("name").asString()).isEqualTo("Northwind Holdings");
		assertThat(profile.path("invoicedByParent").asBoolean()).isTrue();
	}

	@Test
	void customerCannotOpenAccountsWhateverTheBody() {
		UUID own = this.ops.open(account("Bluebird Cafe"));
		Api customer = as(TestTokens.customer(own));

		assertProblem(customer.post("/api/accounts", account("Mine").body()), 403, "forbidden");
		assertProblem(customer.post("/api/accounts", "{not json"), 403, "forbidden");
		assertProblem(customer.post("/api/accounts", Map.of("name", 42)), 403, "forbidden");
	}

	@Test
	void withoutTokenOpeningIsUnauthenticated() {
		assertProblem(as(null).post("/api/accounts", account("X").body()), 401, "unauthenticated");
	}

	@Test
	void unknownParentIsRejected() {
		HttpResponse<String> response = this.ops.post("/api/accounts",
				account("Orphan").below(UUID.randomUUID()).body());

		assertErrors(assertProblem(response, 422, "validation-failed"), "parentId");
	}

	@Test
	void invoicedByParentNeedsAParent() {
		HttpResponse<String> response = this.ops.post("/api/accounts", account("Lonely").invoicedByParent().body());

		assertErrors(assertProblem(response, 422, "validation-failed"), "invoicedByParent");
	}

	@Test
	void accountInvoicedByItsParentMustShareItsCurrency() {
		UUID parent = this.ops.open(account("Euro Parent"));

		HttpResponse<String> response = this.ops.post("/api/accounts",
				account("Dollar Child").below(parent).invoicedByParent().currency("USD").body());

		assertErrors(assertProblem(response, 422, "validation-failed"), "currency");
		assertThat(this.ops.post("/api/accounts", account("Dollar Child").below(parent).currency("USD").body())
			.statusCode()).isEqualTo(201);
	}

	@Test
	void hierarchyCannotGrowBeyondItsDepthLimit() {
		UUID level1 = this.ops.open(account("Level 1"));
		UUID level2 = this.ops.open(account("Level 2").below(level1));
		UUID level3 = this.ops.open(account("Level 3").below(level2));

		HttpResponse<String> response = this.ops.post("/api/accounts", account("Level 4").below(level3).body());

		assertErrors(assertProblem(response, 422, "validation-failed"), "parentId");
	}

	@Test
	void fieldsThatBreakRulesAreListed() {
		HttpResponse<String> response = this.ops.post("/api/accounts",
				account("Bad").with("billDay", 29)
					.with("currency", "EURO")
					.with("contact.email", "not-an-address")
					.with("contact.phone", "12345")
					.with("billingAddress.country", "XX")
					.with("name", " ")
					.body());

		assertErrors(assertProblem(response, 422, "validation-failed"), "billDay", "billingAddress.country",
				"contact.email", "contact.phone", "currency", "name");
	}

	@Test
	void missingRequiredMembersAreListed() {
		HttpResponse<String> response = this.ops.post("/api/accounts",
				account("Bare").without("contact").without("features").without("billDay").body());

		assertErrors(assertProblem(response, 422, "validation-failed"), "billDay", "contact", "features");
	}

	@Test
	void wrongTypesUnknownFieldsAndMalformedJsonAreBadRequests() {
		assertProblem(this.ops.post("/api/accounts", account("X").with("billDay", "first").body()), 400,
				"malformed-request");
		assertProblem(this.ops.post("/api/accounts", account("X").with("parentId", "not-a-uuid").body()), 400,
				"malformed-request");
		assertProblem(this.ops.post("/api/accounts", account("X").with("nickname", "x").body()), 400,
				"malformed-request");
		assertProblem(this.ops.post("/api/accounts", account("X").with("features.payments", "yes").body()), 400,
				"malformed-request");
		assertProblem(this.ops.post("/api/accounts", "{\"name\": "), 400, "malformed-request");
		assertProblem(this.ops.post("/api/accounts", "[]"), 400, "malformed-request");
	}

	@Test
	void bodyThatIsNotJsonIsAnUnsupportedMediaType() {
		HttpResponse<String> response = this.ops.send("/api/accounts", "POST", "text/plain", "name=Acme");

		assertProblem(response, 415, "unsupported-media-type");
	}

	@Test
	void customerReadsItsOwnProfile() {
		UUID own = this.ops.open(account("Bluebird Cafe"));

		HttpResponse<String> response = as(TestTokens.customer(own)).get("/api/accounts/" + own);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).path("name").asString()).isEqualTo("Bluebird Cafe");
	}

	@Test
	void mergePatchChangesOnlyTheGivenMembersAndNullRemovesAnOptionalOne() {
		UUID own = this.ops.open(account("Bluebird Cafe"));
		Api customer = as(TestTokens.customer(own));

		HttpResponse<String> response = customer.mergePatch("/api/accounts/" + own,
				Map.of("contact", mapOf("email", "owner@bluebird.example", "phone", null), "billingAddress",
						Map.of("city", "Hamburg", "postalCode", "20095")));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode profile = json(response);
		assertThat(profile.path("contact").path("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(profile.path("contact").path("email").asString()).isEqualTo("owner@bluebird.example");
		assertThat(profile.path("contact").path("phone").isNull()).isTrue();
		assertThat(profile.path("billingAddress").path("line1").asString()).isEqualTo("Unter den Linden 1");
		assertThat(profile.path("billingAddress").path("city").asString()).isEqualTo("Hamburg");
		assertThat(json(customer.get("/api/accounts/" + own))).isEqualTo(profile);
	}

	@Test
	void patchAsPlainJsonIsAcceptedButOtherMediaTypesAreNot() {
		UUID own = this.ops.open(account("Bluebird Cafe"));

		assertThat(this.ops
			.patch("/api/accounts/" + own, "application/json", Map.of("contact", Map.of("name", "Grace Hopper")))
			.statusCode()).isEqualTo(200);
		assertProblem(this.ops.patch("/api/accounts/" + own, "text/plain", "{}"), 415, "unsupported-media-type");
	}

	@Test
	void patchOfAnyOtherMemberNamesIt() {
		UUID own = this.ops.open(account("Bluebird Cafe"));

		HttpResponse<String> response = this.ops.mergePatch("/api/accounts/" + own,
				Map.of("name", "Renamed", "currency", "USD", "contact", Map.of("fax", "+4930123")));

		assertErrors(assertProblem(response, 422, "validation-failed"), "contact.fax", "currency", "name");
		assertThat(json(this.ops.get("/api/accounts/" + own)).path("name").asString()).isEqualTo("Bluebird Cafe");
	}

	@Test
	void patchIsValidatedAfterMerging() {
		UUID own = this.ops.open(account("Bluebird Cafe"));

		HttpResponse<String> response = this.ops.mergePatch("/api/accounts/" + own,
				Map.of("contact", mapOf("email", "nope", "name", null, "phone", "+1 (555) abc"), "billingAddress",
						Map.of("country", "de")));

		assertErrors(assertProblem(response, 422, "validation-failed"), "billingAddress.country", "contact.email",
				"contact.name", "contact.phone");
	}

	@Test
	void requiredGroupsCannotBeRemoved() {
		UUID own = this.ops.open(account("Bluebird Cafe"));

		HttpResponse<String> response = this.ops.mergePatch("/api/accounts/" + own, mapOf("contact", null));

		assertErrors(assertProblem(response, 422, "validation-failed"), "contact");
	}

	@Test
	void malformedPatchesAreBadRequests() {
		UUID own = this.ops.open(account("Bluebird Cafe"));
		String path = "/api/accounts/" + own;

		assertProblem(this.ops.mergePatch(path, "{\"contact\": {"), 400, "malformed-request");
		assertProblem(this.ops.mergePatch(path, "[1, 2]"), 400, "malformed-request");
		assertProblem(this.ops.mergePatch(path, Map.of("contact", Map.of("email", 42))), 400, "malformed-request");
		assertProblem(this.ops.mergePatch(path, Map.of("billingAddress", "Berlin")), 400, "malformed-request");
		assertProblem(this.ops.mergePatch(path, ""), 400, "malformed-request");
	}

	@Test
	void emptyPatchChangesNothing() {
		UUID own = this.ops.open(account("Bluebird Cafe"));
		JsonNode before = json(this.ops.get("/api/accounts/" + own));

		HttpResponse<String> response = this.ops.mergePatch("/api/accounts/" + own, "{}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response)).isEqualTo(before);
	}

	@Test
	void unknownAccountIsNotFound() {
		assertProblem(this.ops.get("/api/accounts/" + UUID.randomUUID()), 404, "account-not-found");
		assertProblem(this.ops.mergePatch("/api/accounts/" + UUID.randomUUID(), "{}"), 404, "account-not-found");
	}

	private static void assertErrors(JsonNode problem, String... fields) {
		List<String> named = problem.path("errors").valueStream().map((e) -> e.path("field").asString()).toList();
		assertThat(named).as(problem.toString()).containsExactlyInAnyOrder(fields);
	}

	/** Map.of does not take nulls, and a merge patch needs them. */
	private static Map<String, Object> mapOf(Object... keysAndValues) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
