package dev.portico.account.hierarchy;

import java.net.http.HttpResponse;
import java.util.UUID;

import dev.portico.account.testing.AccountApiTest;
import dev.portico.account.testing.Api;
import dev.portico.test.TestTokens;
import dev.portico.platform.security.AccountAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.portico.account.testing.AccountMother.account;
import static dev.portico.account.testing.Api.json;
import static dev.portico.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may see which account, the children search and the internal lineage, over HTTP. The
 * hierarchy:
 *
 * <pre>
 * Holdings ── Retail ── Retail Berlin ── Berlin Mitte
 *          └─ Logistics
 * Other (unrelated)
 * </pre>
 */
class HierarchyApiTest extends AccountApiTest {

	private UUID holdings;

	private UUID retail;

	private UUID berlin;

	private UUID mitte;

	private UUID logistics;

	private UUID other;

	private Api retailCustomer;

	@Autowired
	private AccountAccess access;

	@BeforeEach
	void hierarchy() {
		this.holdings = this.ops.open(account("Holdings"));
		this.retail = this.ops.open(account("Retail").below(this.holdings));
		this.berlin = this.ops.open(account("Retail Berlin").below(this.retail).invoicedByParent());
		this.mitte = this.ops.open(account("Berlin Mitte").below(this.berlin));
		this.logistics = this.ops.open(account("Logistics").below(this.holdings));
		this.other = this.ops.open(account("Other"));
		this.retailCustomer = as(TestTokens.customer(this.retail));
	}

	@Test
	void billingPartyOfAChildInvoicedByItsParentIsThatParentAndOnlyServicesMayAsk() {
		Api service = as(TestTokens.service());
		JsonNode billing = json(service.get("/internal/accounts/" + this.berlin + "/billing"));

		assertThat(billing.path("account").path("accountId").asString()).isEqualTo(this.berlin.toString());
		assertThat(billing.path("payer").path("accountId").asString()).isEqualTo(this.retail.toString());
		assertThat(billing.path("payer").path("billingAddress").path("country").asString()).isNotBlank();
		assertThat(json(service.get("/internal/accounts/" + this.retail + "/billing")).path("payer")
			.path("accountId")
			.asString()).isEqualTo(this.retail.toString());
		assertProblem(as(TestTokens.customer(this.holdings)).get("/internal/accounts/" + this.berlin + "/billing"), 403,
				"forbidden");
		assertProblem(this.ops.get("/internal/accounts/" + this.berlin + "/billing"), 403, "forbidden");
		assertThat(service.get("/internal/accounts/" + java.util.UUID.randomUUID() + "/billing").statusCode())
			.isEqualTo(404);
	}

	@Test
	void accessIsAnsweredFromTheLocalHierarchyNotByCallingItself() {
		assertThat(this.access).isInstanceOf(HierarchyAccountAccess.class);
	}

	@Test
	void customerSeesItsOwnAccountAndEveryAccountBelowIt() {
		for (UUID visible : new UUID[] { this.retail, this.berlin, this.mitte }) {
			assertThat(this.retailCustomer.get("/api/accounts/" + visible + "/overview").statusCode()).isEqualTo(200);
			assertThat(this.retailCustomer.get("/api/accounts/" + visible).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void parentSiblingUnrelatedAndUnknownAccountsAllAnswerTheSameNotFound() {
		for (UUID hidden : new UUID[] { this.holdings, this.logistics, this.other, UUID.randomUUID() }) {
			JsonNode overview = assertProblem(this.retailCustomer.get("/api/accounts/" + hidden + "/overview"), 404,
					"account-not-found");
			assertThat(overview.path("detail").asString()).isEqualTo("No such account is visible to you.");
			assertProblem(this.retailCustomer.get("/api/accounts/" + hidden), 404, "account-not-found");
			assertProblem(this.retailCustomer.get("/api/accounts/" + hidden + "/children"), 404, "account-not-found");
			assertProblem(this.retailCustomer.mergePatch("/api/accounts/" + hidden, "{\"name\": 1}"), 404,
					"account-not-found");
		}
	}

	@Test
	void aNonUuidAccountIdIsNotFoundToo() {
		assertProblem(this.retailCustomer.get("/api/accounts/not-a-uuid/overview"), 404, "account-not-found");
	}

	@Test
	void opsSeesEveryExistingAccount() {
		for (UUID any : new UUID[] { this.holdings, this.mitte, this.other }) {
			assertThat(this.ops.get("/api/accounts/" + any + "/overview").statusCode()).isEqualTo(200);
		}
		assertProblem(this.ops.get("/api/accounts/" + UUID.randomUUID() + "/overview"), 404, "account-not-found");
	}

	@Test
	void customerWithoutAnAccountSeesNothing() {
		Api stranger = as(TestTokens.token("stranger", null, "customer"));

		assertProblem(stranger.get("/api/accounts/" + this.retail + "/overview"), 404, "account-not-found");
	}

	@Test
	void overviewShowsZeroBalanceParentChildrenAndFeatures() {
		JsonNode overview = json(this.retailCustomer.get("/api/accounts/" + this.berlin + "/overview"));

		assertThat(overview.path("accountId").asString()).isEqualTo(this.berlin.toString());
		assertThat(overview.path("name").asString()).isEqualTo("Retail Berlin");
		assertThat(overview.path("balance").asString()).isEqualTo("0.00");
		assertThat(overview.path("due").asString()).isEqualTo("0.00");
		assertThat(overview.path("currency").asString()).isEqualTo("EUR");
		assertThat(overview.path("latestInvoice").isNull()).isTrue();
		assertThat(overview.path("parent").path("accountId").asString()).isEqualTo(this.retail.toString());
		assertThat(overview.path("invoicedByParent").asBoolean()).isTrue();
		assertThat(overview.path("hasChildren").asBoolean()).isTrue();
		assertThat(overview.path("features").path("payments").asBoolean()).isTrue();
		assertThat(overview.path("billDay").asInt()).isEqualTo(1);
	}

	@Test
	void childrenSearchCoversTheWholeSubtreeBelowTheAccount() {
		JsonNode page = json(this.retailCustomer.get("/api/accounts/" + this.retail + "/children"));

		assertThat(page.path("content").valueStream().map((c) -> c.path("name").asString()))
			.containsExactly("Berlin Mitte", "Retail Berlin");
		assertThat(page.path("page").path("totalElements").asLong()).isEqualTo(2);
		assertThat(page.path("page").path("size").asInt()).isEqualTo(20);
		JsonNode first = page.path("content").get(1);
		assertThat(first.path("accountNumber").asString()).startsWith("A-");
		assertThat(first.path("invoicedByParent").asBoolean()).isTrue();
		assertThat(first.path("hasChildren").asBoolean()).isTrue();
	}

	@Test
	void childrenSearchByPrefixAndPage() {
		JsonNode byName = json(this.ops.get("/api/accounts/" + this.holdings + "/children?q=RETAIL&page=0&size=1"));

		assertThat(byName.path("content").valueStream().map((c) -> c.path("name").asString()))
			.containsExactly("Retail");
		assertThat(byName.path("page").path("totalElements").asLong()).isEqualTo(2);
		assertThat(byName.path("page").path("totalPages").asInt()).isEqualTo(2);
		String number = json(this.ops.get("/api/accounts/" + this.mitte)).path("accountNumber").asString();
		JsonNode byNumber = json(
				this.ops.get("/api/accounts/" + this.holdings + "/children?q=" + number.toLowerCase()));
		assertThat(byNumber.path("content").get(0).path("accountId").asString()).isEqualTo(this.mitte.toString());
	}

	@Test
	void badPagingParametersAreBadRequests() {
		String children = "/api/accounts/" + this.retail + "/children";

		assertProblem(this.retailCustomer.get(children + "?page=-1"), 400, "invalid-parameter");
		assertProblem(this.retailCustomer.get(children + "?size=201"), 400, "invalid-parameter");
		assertProblem(this.retailCustomer.get(children + "?size=0"), 400, "invalid-parameter");
		assertProblem(this.retailCustomer.get(children + "?page=abc"), 400, "invalid-parameter");
		assertProblem(this.retailCustomer.get(children + "?size=1e3"), 400, "invalid-parameter");
		assertProblem(this.retailCustomer.get(children + "?q=" + "x".repeat(101)), 400, "invalid-parameter");
		assertThat(this.retailCustomer.get(children + "?size=200").statusCode()).isEqualTo(200);
	}

	@Test
	void lineageListsAncestorsRootFirstForOtherServicesOnly() {
		Api service = as(TestTokens.service());
		JsonNode lineage = json(service.get("/internal/accounts/" + this.mitte + "/lineage"));

		assertThat(lineage.path("accountId").asString()).isEqualTo(this.mitte.toString());
		assertThat(lineage.path("ancestorIds").valueStream().map(JsonNode::asString))
			.containsExactly(this.holdings.toString(), this.retail.toString(), this.berlin.toString());
		assertThat(lineage.path("features").path("paymentMethods").asBoolean()).isTrue();
		assertThat(json(service.get("/internal/accounts/" + this.holdings + "/lineage")).path("ancestorIds").isEmpty())
			.isTrue();
		// A customer's token, even for its own account, and an operator's open no
		// internal endpoint.
		assertProblem(this.retailCustomer.get("/internal/accounts/" + this.retail + "/lineage"), 403, "forbidden");
		assertProblem(this.retailCustomer.get("/internal/accounts/" + this.other + "/lineage"), 403, "forbidden");
		assertProblem(this.ops.get("/internal/accounts/" + this.mitte + "/lineage"), 403, "forbidden");
	}

	@Test
	void lineageOfAnUnknownAccountIsNotFoundAndNeedsAToken() {
		assertProblem(as(TestTokens.service()).get("/internal/accounts/" + UUID.randomUUID() + "/lineage"), 404,
				"account-not-found");
		assertProblem(as(null).get("/internal/accounts/" + this.mitte + "/lineage"), 401, "unauthenticated");
	}

	@Test
	void tokensForAnotherAudienceOrExpiredAreRejected() {
		String otherAudience = TestTokens.sign("x", this.retail, "someone-else",
				java.time.Instant.now().plusSeconds(60), "customer");
		String expired = TestTokens.sign("x", this.retail, TestTokens.AUDIENCE,
				java.time.Instant.now().minusSeconds(600), "customer");

		assertProblem(as(otherAudience).get("/api/accounts/" + this.retail), 401, "unauthenticated");
		assertProblem(as(expired).get("/api/accounts/" + this.retail), 401, "unauthenticated");
		assertProblem(as("two words").get("/api/accounts/" + this.retail), 401, "unauthenticated");
	}

	@Test
	void customerCannotAddPackagesEvenToItsOwnAccount() {
		HttpResponse<String> response = this.retailCustomer.post("/api/accounts/" + this.retail + "/packages",
				"{\"name\": 5}");

		assertProblem(response, 403, "forbidden");
	}

}
