package dev.portico.usage.usage;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.events.account.AccountFeatures;
import dev.portico.events.account.AccountOpened;
import dev.portico.events.account.AccountsTopic;
import dev.portico.events.account.PackageAdded;
import dev.portico.test.ApiClient;
import dev.portico.test.ProblemAssertions;
import dev.portico.test.TestTokens;
import dev.portico.usage.testing.UsageApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.portico.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The usage pages of docs/api.md: periods, a period's rows, its CSV and its daily totals,
 * for whom they are meant.
 */
class UsagePagesApiTest extends UsageApiTest {

	@Test
	void theCurrentPeriodByDefaultWithRowsByProductThenIdentifierThenUnit() {
		UUID account = open(1);
		this.clock.set(Instant.parse("2026-11-30T12:00:00Z"));
		stored(record(account, "Voice", "+12065550101", "12.5", "min", "2026-11-03T10:00:00Z"),
				record(account, "Mobile data", "+12065550102", "0.5", "GB", "2026-11-04T10:00:00Z"),
				record(account, "Mobile data", "+12065550101", "1.25", "GB", "2026-11-04T10:00:00Z"),
				record(account, "Mobile data", "+12065550101", "0.75", "GB", "2026-11-24T23:00:00Z"),
				record(account, "Mobile data", "+12065550101", "300", "MB", "2026-11-05T10:00:00Z"),
				record(account, "SMS", "+12065550101", "3", "SMS", "2026-11-01T00:00:00Z"),
				record(account, "Mobile data", "device-0042", "7", "GB", "2026-11-05T10:00:00Z"),
				// Before the period, and ahead of the clock in the next one: on neither
				// page.
				record(account, "Mobile data", "+12065550101", "100", "GB", "2026-10-31T23:59:59.999999Z"),
				record(account, "Mobile data", "+12065550101", "100", "GB", "2026-12-01T00:00:00Z"));

		JsonNode page = json(customer(account).get("/api/accounts/" + account + "/usage"));

		assertThat(page.path("period").asString()).isEqualTo("2026-11");
		assertThat(page.path("start").asString()).isEqualTo("2026-11-01");
		assertThat(page.path("end").asString()).isEqualTo("2026-11-30");
		assertThat(rows(page.path("items"))).containsExactly("Mobile data|+12065550101|2|GB",
				"Mobile data|+12065550101|300|MB", "Mobile data|+12065550102|0.5|GB", "Mobile data|device-0042|7|GB",
				"SMS|+12065550101|3|SMS", "Voice|+12065550101|12.5|min");
		assertThat(page.path("items").get(0).path("totalUsed").isString()).as("a decimal string, as money").isTrue();
		assertThat(json(customer(account).get("/api/accounts/" + account + "/usage?period=2026-11"))).isEqualTo(page);
	}

	@Test
	void aLateRecordUpdatesItsOwnPastPeriod() {
		UUID account = open(15);
		stored(record(account, "Voice", "+12065550101", "10", "min", "2026-10-20T10:00:00Z"),
				record(account, "Voice", "+12065550101", "1", "min", "2026-11-20T10:00:00Z"));
		String october = "/api/accounts/" + account + "/usage?period=2026-10";
		assertThat(rows(json(customer(account).get(october)).path("items")))
			.containsExactly("Voice|+12065550101|10|min");

		// Arrives in November's period, but happened on the last day of October's (bill
		// day 15: Oct 15 to Nov 14).
		stored(record(account, "Voice", "+12065550101", "2.5", "min", "2026-11-14T23:00:00Z"));

		JsonNode past = json(customer(account).get(october));
		assertThat(past.path("start").asString()).isEqualTo("2026-10-15");
		assertThat(past.path("end").asString()).isEqualTo("2026-11-14");
		assertThat(rows(past.path("items"))).containsExactly("Voice|+12065550101|12.5|min");
		assertThat(rows(json(customer(account).get("/api/accounts/" + account + "/usage")).path("items")))
			.containsExactly("Voice|+12065550101|1|min");
	}

	@Test
	void periodsRunFromTheCurrentOneBackToTheFirstUsageAndAtLeastAYear() {
		UUID account = open(31);
		String path = "/api/accounts/" + account + "/usage/periods";

		JsonNode year = json(customer(account).get(path));
		assertThat(year).hasSize(12);
		// On Nov 25 with bill day 31 the period began on Oct 31 and ends on Nov 29 (the
		// next begins Nov 30).
		assertThat(year.get(0).path("period").asString()).isEqualTo("2026-10");
		assertThat(year.get(0).path("start").asString()).isEqualTo("2026-10-31");
		assertThat(year.get(0).path("end").asString()).isEqualTo("2026-11-29");
		assertThat(year.get(0).path("current").asBoolean()).isTrue();
		assertThat(year.get(1).path("current").asBoolean()).isFalse();
		assertThat(year.get(8).path("period").asString()).isEqualTo("2026-02");
		assertThat(year.get(8).path("start").asString()).isEqualTo("2026-02-28");
		assertThat(year.get(8).path("end").asString()).isEqualTo("2026-03-30");
		assertThat(year.get(11).path("period").asString()).isEqualTo("2025-11");

		stored(record(account, "SMS", "+12065550101", "1", "SMS", "2024-03-30T12:00:00Z"));
		JsonNode longer = json(customer(account).get(path));
		assertThat(longer).hasSize(33);
		assertThat(longer.get(32).path("period").asString()).isEqualTo("2024-02");
		assertThat(longer.get(32).path("start").asString()).isEqualTo("2024-02-29");
		List<String> names = new ArrayList<>();
		longer.forEach((period) -> names.add(period.path("period").asString()));
		assertThat(names).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
	}

	@Test
	void csvHasAHeaderRowQuotesWhatNeedsQuotingAndIsNamedAfterTheAccountAndPeriod() {
		UUID account = open(1);
		stored(record(account, "Data, roaming", "+44 20 7946 0000", "1.5", "GB", "2026-10-10T10:00:00Z"),
				record(account, "Voice", "Reception \"front desk\"", "42", "min", "2026-10-10T10:00:00Z"),
				record(account, "Voice", "+12065550101", "0.000001", "min", "2026-10-11T10:00:00Z"));

		HttpResponse<String> csv = customer(account).get("/api/accounts/" + account + "/usage.csv?period=2026-10");

		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").contains("UTF-8");
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"usage-" + this.accounts.number(account) + "-2026-10.csv\"");
		assertThat(csv.body()).isEqualTo("product,usageIdentifier,totalUsed,unit\r\n"
				// A leading + would start a formula in a spreadsheet: neutralised.
				+ "\"Data, roaming\",'+44 20 7946 0000,1.5,GB\r\n" + "Voice,'+12065550101,0.000001,min\r\n"
				+ "Voice,\"Reception \"\"front desk\"\"\",42,min\r\n");
		HttpResponse<String> empty = customer(account).get("/api/accounts/" + account + "/usage.csv");
		assertThat(empty.body()).isEqualTo("product,usageIdentifier,totalUsed,unit\r\n");
	}

	@Test
	void dailyTotalsPerDayAndProductAddTheIdentifiersUp() {
		UUID account = open(1);
		stored(record(account, "Voice", "+12065550101", "10", "min", "2026-11-02T10:00:00Z"),
				record(account, "Voice", "+12065550102", "5", "min", "2026-11-02T11:00:00Z"),
				record(account, "Mobile data", "+12065550101", "1", "GB", "2026-11-02T12:00:00Z"),
				record(account, "Mobile data", "+12065550101", "200", "MB", "2026-11-02T12:00:00Z"),
				record(account, "Voice", "+12065550101", "1", "min", "2026-11-01T00:00:00Z"),
				record(account, "Voice", "+12065550101", "1", "min", "2026-10-31T23:00:00Z"));

		JsonNode daily = json(customer(account).get("/api/accounts/" + account + "/usage/daily?period=2026-11"));

		assertThat(daily.path("period").asString()).isEqualTo("2026-11");
		List<String> days = new ArrayList<>();
		daily.path("days")
			.forEach((day) -> days.add(day.path("date").asString() + "|" + day.path("product").asString() + "|"
					+ day.path("totalUsed").asString() + "|" + day.path("unit").asString()));
		assertThat(days).containsExactly("2026-11-01|Voice|1|min", "2026-11-02|Mobile data|1|GB",
				"2026-11-02|Mobile data|200|MB", "2026-11-02|Voice|15|min");
	}

	@Test
	void aPeriodThatIsNotAMonthOrHasNotStartedIsABadRequestAndOneBeforeAnyUsageIsEmpty() {
		UUID account = open(1);
		ApiClient customer = customer(account);
		String base = "/api/accounts/" + account;

		for (String path : List.of("/usage", "/usage.csv", "/usage/daily")) {
			for (String period : List.of("2026-13", "2026-1", "26-11", "2026-11-01", "november", "2026-00")) {
				JsonNode problem = ProblemAssertions.assertProblem(customer.get(base + path + "?period=" + period), 400,
						"invalid-parameter");
				assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("period");
			}
			ProblemAssertions.assertProblem(customer.get(base + path + "?period=2026-12"), 400, "invalid-parameter");
		}
		JsonNode old = json(customer.get(base + "/usage?period=2019-04"));
		assertThat(old.path("start").asString()).isEqualTo("2019-04-01");
		assertThat(old.path("items")).isEmpty();
	}

	@Test
	void customersSeeTheirOwnAccountAndThoseBelowItOnlyAndOpsSeeAll() {
		UUID parent = open(1);
		UUID child = open(parent, 1);
		UUID stranger = open(1);
		stored(record(child, "SMS", "+12065550101", "2", "SMS", "2026-11-02T10:00:00Z"),
				record(stranger, "SMS", "+15035550199", "9", "SMS", "2026-11-02T10:00:00Z"));

		assertThat(rows(json(customer(parent).get("/api/accounts/" + child + "/usage")).path("items")))
			.containsExactly("SMS|+12065550101|2|SMS");
		for (String path : List.of("/usage", "/usage.csv", "/usage/daily", "/usage/periods")) {
			ProblemAssertions.assertProblem(customer(parent).get("/api/accounts/" + stranger + path), 404,
					"account-not-found");
			ProblemAssertions.assertProblem(customer(child).get("/api/accounts/" + parent + path), 404,
					"account-not-found");
			ProblemAssertions.assertProblem(customer(parent).get("/api/accounts/" + UUID.randomUUID() + path), 404,
					"account-not-found");
			assertThat(this.ops.get("/api/accounts/" + stranger + path).statusCode()).isEqualTo(200);
		}
		assertThat(rows(json(this.ops.get("/api/accounts/" + stranger + "/usage")).path("items")))
			.containsExactly("SMS|+15035550199|9|SMS");
	}

	@Test
	void anAccountWhoseOpeningHasNotArrivedHasNoUsagePagesYet() {
		UUID parent = open(1);
		UUID pending = unannounced(parent);
		stored(record(pending, "SMS", "+12065550101", "2", "SMS", "2026-11-02T10:00:00Z"));

		for (String path : List.of("/usage", "/usage.csv", "/usage/daily", "/usage/periods")) {
			ProblemAssertions.assertProblem(customer(parent).get("/api/accounts/" + pending + path), 404,
					"usage-account-unknown");
		}
	}

	@Test
	void anAccountIsLearnedOnceFromItsOpeningAndOtherAccountEventsAreIgnored() {
		UUID account = unannounced(null);
		AccountOpened opened = new AccountOpened(UUID.randomUUID(), Instant.now(), account, AccountOpened.VERSION,
				"A-777777", "Bluebird Cafe", "USD", 20, null, false, new AccountFeatures(false, false));
		PackageAdded added = new PackageAdded(UUID.randomUUID(), Instant.now(), account, PackageAdded.VERSION,
				UUID.randomUUID(), "Small Business Internet", LocalDate.parse("2026-01-01"), new BigDecimal("79.00"),
				"USD");
		this.kafka.send(AccountsTopic.NAME, account.toString(), added).join();
		this.kafka.send(AccountsTopic.NAME, account.toString(), opened).join();
		this.kafka.send(AccountsTopic.NAME, account.toString(), opened).join();
		AccountOpened marker = new AccountOpened(UUID.randomUUID(), Instant.now(), account, AccountOpened.VERSION,
				"A-777778", "Later", "USD", 3, null, false, new AccountFeatures(false, false));
		this.kafka.send(AccountsTopic.NAME, account.toString(), marker).join();

		// The marker follows on the same partition: once it is processed, everything
		// before it was.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> count("SELECT count(*) FROM processed_event WHERE event_id = ?", marker.eventId()) == 1);
		assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = ?", opened.eventId())).isOne();
		assertThat(this.jdbc.sql("SELECT account_number || ' ' || bill_day FROM usage_account WHERE account_id = ?")
			.param(account)
			.query(String.class)
			.single()).as("the first opening stands").isEqualTo("A-777777 20");
		JsonNode periods = json(this.ops.get("/api/accounts/" + account + "/usage/periods"));
		assertThat(periods.get(0).path("start").asString()).isEqualTo("2026-11-20");
	}

	private ApiClient customer(UUID account) {
		return as(TestTokens.customer(account));
	}

	@SafeVarargs
	private void stored(Map<String, Object>... records) {
		HttpResponse<String> response = ingest(List.of(records));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
	}

	private static List<String> rows(JsonNode items) {
		List<String> rows = new ArrayList<>();
		items.forEach((item) -> rows.add(item.path("product").asString() + "|" + item.path("usageIdentifier").asString()
				+ "|" + item.path("totalUsed").asString() + "|" + item.path("unit").asString()));
		return rows;
	}

}
