package dev.portico.usage.usage;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.portico.test.TestTokens;
import dev.portico.usage.period.BillDay;
import dev.portico.usage.period.BillingPeriods;
import dev.portico.usage.testing.UsageApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.portico.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-period totals the usage page reads: cut by the database the way
 * {@link BillingPeriods} cuts them, and complete for records that arrived before their
 * account did, however the two interleave.
 */
class PeriodTotalsTest extends UsageApiTest {

	@Test
	void theDatabaseCutsPeriodsExactlyAsBillingPeriodsDoes() {
		BillingPeriods periods = new BillingPeriods(ZoneOffset.UTC);
		List<String> disagreements = new ArrayList<>();
		int[] checked = { 0 };
		// A leap February (2024), ordinary ones, and 2100, which is not a leap year
		// though divisible by four.
		for (String[] range : new String[][] { { "2023-12-01", "2025-03-31" }, { "2099-12-01", "2100-03-31" } }) {
			this.jdbc.sql("""
					SELECT CAST(d AS date) AS day, b AS bill_day, usage_period_start(CAST(d AS date), b) AS start
					FROM generate_series(CAST(? AS date), CAST(? AS date), INTERVAL '1 day') AS d,
					     generate_series(1, 31) AS b""").params(range[0], range[1]).query((rs) -> {
				LocalDate day = rs.getObject("day", LocalDate.class);
				int billDay = rs.getInt("bill_day");
				LocalDate expected = periods.containing(day, BillDay.of(billDay)).start();
				LocalDate actual = rs.getObject("start", LocalDate.class);
				checked[0]++;
				if (!expected.equals(actual)) {
					disagreements.add(day + " bill day " + billDay + ": " + actual + ", not " + expected);
				}
			});
		}
		assertThat(disagreements).isEmpty();
		assertThat(checked[0]).isEqualTo(31 * (487 + 121));
	}

	@Test
	void recordsStoredBeforeTheirAccountOpensReachTheirPeriodsWhenItDoes() {
		UUID parent = open(1);
		UUID account = unannounced(parent);
		stored(record(account, "Voice", "+12065550101", "10", "min", "2026-10-14T12:00:00Z"),
				record(account, "Voice", "+12065550101", "5", "min", "2026-10-15T12:00:00Z"),
				record(account, "Voice", "+12065550101", "2", "min", "2026-11-20T12:00:00Z"));
		assertThat(count("SELECT count(*) FROM usage_period WHERE account_id = ?", account))
			.as("no bill day, no periods yet")
			.isZero();

		announce(account, parent, 15);
		await().atMost(Duration.ofSeconds(20)).until(() -> known(account));

		// Bill day 15: the 14 October record is in the period that started 15 September.
		assertThat(totals(parent, account, "2026-09")).containsExactly("Voice|+12065550101|10|min");
		assertThat(totals(parent, account, "2026-10")).containsExactly("Voice|+12065550101|5|min");
		assertThat(totals(parent, account, "2026-11")).containsExactly("Voice|+12065550101|2|min");
		stored(record(account, "Voice", "+12065550101", "1", "min", "2026-11-16T12:00:00Z"));
		assertThat(totals(parent, account, "2026-10")).containsExactly("Voice|+12065550101|5|min");
		assertThat(totals(parent, account, "2026-11")).containsExactly("Voice|+12065550101|3|min");
	}

	/**
	 * Batches for an account stored by several clients while its opening arrives: each
	 * record is in exactly one period total, whether its batch committed before the
	 * opening, after it, or waited for it.
	 */
	@Test
	void recordsStoredWhileTheirAccountOpensAreInTheirPeriodOnce() throws Exception {
		UUID parent = open(1);
		UUID account = unannounced(parent);
		int clients = 6;
		int batches = 15;
		int size = 40;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				sent.add(pool.submit(() -> {
					for (int b = 0; b < batches; b++) {
						List<Map<String, Object>> batch = new ArrayList<>();
						for (int r = 0; r < size; r++) {
							batch.add(record(account, "SMS", "+1206555" + (1000 + r % 7), "1", "SMS",
									"2026-11-0" + (1 + r % 9) + "T12:00:00Z"));
						}
						stored(batch);
					}
					return null;
				}));
			}
			Thread.sleep(300);
			announce(account, parent, 1);
			for (Future<?> future : sent) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> known(account));

		long records = (long) clients * batches * size;
		assertThat(count("SELECT count(*) FROM usage_record WHERE account_id = ?", account)).isEqualTo(records);
		assertThat(count("SELECT CAST(sum(total) AS bigint) FROM usage_daily WHERE account_id = ?", account))
			.isEqualTo(records);
		assertThat(count("SELECT CAST(sum(total) AS bigint) FROM usage_period WHERE account_id = ?", account))
			.as("every record in its period once")
			.isEqualTo(records);
	}

	private List<String> totals(UUID caller, UUID account, String period) {
		JsonNode page = json(
				as(TestTokens.customer(caller)).get("/api/accounts/" + account + "/usage?period=" + period));
		List<String> rows = new ArrayList<>();
		page.path("items")
			.forEach((item) -> rows.add(item.path("product").asString() + "|" + item.path("usageIdentifier").asString()
					+ "|" + item.path("totalUsed").asString() + "|" + item.path("unit").asString()));
		return rows;
	}

	@SafeVarargs
	private void stored(Map<String, Object>... records) {
		stored(List.of(records));
	}

	private void stored(List<Map<String, Object>> records) {
		HttpResponse<String> response = ingest(records);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
	}

}
