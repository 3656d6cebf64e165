package dev.portico.account.packages;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.portico.account.testing.AccountApiTest;
import dev.portico.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.portico.account.testing.AccountMother.account;
import static dev.portico.account.testing.Api.json;
import static dev.portico.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class PackagesApiTest extends AccountApiTest {

	private UUID account;

	private String packages;

	@BeforeEach
	void openAccount() {
		this.account = this.ops.open(account("Bluebird Cafe"));
		this.packages = "/api/accounts/" + this.account + "/packages";
	}

	@Test
	void opsAddsAPackageThatTheProfileThenLists() {
		HttpResponse<String> response = this.ops.post(this.packages,
				Map.of("name", "Fibre 500", "startDate", "2026-12-01", "recurringCharge", "39.99"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode added = json(response);
		assertThat(added.path("recurringCharge").asString()).isEqualTo("39.99");
		assertThat(added.path("currency").asString()).isEqualTo("EUR");
		assertThat(added.path("status").asString()).isEqualTo("ACTIVE");
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).isEqualTo(this.packages + "/" + added.path("packageId").asString());
		assertThat(json(this.ops.get(location))).isEqualTo(added);
		JsonNode profile = json(as(TestTokens.customer(this.account)).get("/api/accounts/" + this.account));
		assertThat(profile.path("packages")).containsExactly(added);
	}

	@Test
	void chargeKeepsItsDecimalsExactly() {
		JsonNode added = json(this.ops.post(this.packages,
				Map.of("name", "Metered", "startDate", "2026-12-01", "recurringCharge", "0.1234", "currency", "EUR")));

		assertThat(added.path("recurringCharge").asString()).isEqualTo("0.1234");
	}

	@Test
	void rulesBrokenAreListed() {
		HttpResponse<String> response = this.ops.post(this.packages,
				Map.of("name", "", "startDate", "2026-12-01", "recurringCharge", "-1", "currency", "EURO"));

		JsonNode problem = assertProblem(response, 422, "validation-failed");
		assertThat(problem.path("errors").valueStream().map((e) -> e.path("field").asString()))
			.containsExactlyInAnyOrder("currency", "name", "recurringCharge");
		assertProblem(
				this.ops.post(this.packages,
						Map.of("name", "X", "startDate", "2026-12-01", "recurringCharge", "1.00001")),
				422, "validation-failed");
	}

	@Test
	void packageInAnotherCurrencyThanTheAccountsIsRejected() {
		HttpResponse<String> response = this.ops.post(this.packages,
				Map.of("name", "Fibre", "startDate", "2026-12-01", "recurringCharge", "10", "currency", "USD"));

		JsonNode problem = assertProblem(response, 422, "validation-failed");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("currency");
	}

	@Test
	void wrongTypesAreBadRequests() {
		assertProblem(
				this.ops.post(this.packages, Map.of("name", "X", "startDate", "next week", "recurringCharge", "10")),
				400, "malformed-request");
		assertProblem(
				this.ops.post(this.packages, Map.of("name", "X", "startDate", "2026-12-01", "recurringCharge", "ten")),
				400, "malformed-request");
		assertProblem(
				this.ops.post(this.packages,
						Map.of("name", "X", "startDate", "2026-12-01", "recurringCharge", "10", "extra", 1)),
				400, "malformed-request");
	}

	@Test
	void unknownAccountOrPackageIsNotFound() {
		assertProblem(
				this.ops.post("/api/accounts/" + UUID.randomUUID() + "/packages",
						Map.of("name", "X", "startDate", "2026-12-01", "recurringCharge", "10")),
				404, "account-not-found");
		assertProblem(this.ops.get(this.packages + "/" + UUID.randomUUID()), 404, "package-not-found");
	}

}
