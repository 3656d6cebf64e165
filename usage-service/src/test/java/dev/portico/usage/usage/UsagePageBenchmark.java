package dev.portico.usage.usage;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.portico.test.ApiClient;
import dev.portico.test.TestTokens;
import dev.portico.usage.testing.UsageApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage page at its target size: an account with 5,000,000 records in the current
 * period (500 identifiers × 4 products, so 2,000 rows on the page) and 24 months of
 * history before it, and a second account with the same period and 10× less history (73
 * days). Requests go over HTTP to the running service exactly as a client sends them
 * (token and access check, the period from the bill day, the query, JSON).
 * <p>
 * The current period's 5,000,000 raw records are inserted and rolled up by SQL the way
 * ingestion rolls them up; the history is seeded as daily rollup rows only (2,000 a day,
 * what any number of records a day leaves there), since the page reads the rollups and
 * never the raw records; the period totals are then added up from the days. The two
 * accounts are read alternately, one client, after a warm-up. Not a test: Surefire runs
 * {@code *Test} only. Run it with {@code usage-service/bench/usage-page.sh}; results go
 * to {@code usage-service/target/usage-page-benchmark.txt}.
 */
class UsagePageBenchmark extends UsageApiTest {

	private static final int RECORDS = 5_000_000;

	private static final int WARMUP = 500;

	private static final int REQUESTS = 1_000;

	private final StringBuilder report = new StringBuilder();

	@Test
	void run() throws IOException {
		UUID deep = open(1);
		UUID shallow = open(1);
		long seeding = System.nanoTime();
		this.jdbc.sql("""
				INSERT INTO usage_record (record_id, account_id, product, usage_identifier, quantity, unit, occurred_at,
				                          received_at)
				SELECT gen_random_uuid(), :account, (ARRAY['Mobile data', 'Voice', 'SMS', 'Roaming data'])[1 + n % 4],
				       '+1206' || lpad(((n / 4) % 500)::text, 7, '0'), (n % 1000) / 100.0,
				       (ARRAY['MB', 'min', 'SMS', 'MB'])[1 + n % 4],
				       TIMESTAMPTZ '2026-11-01 00:00:00+00' + (n::float8 / :count) * INTERVAL '24 days 12 hours', now()
				FROM generate_series(1, :count) AS n""").param("account", deep).param("count", RECORDS).update();
		this.jdbc.sql("""
				INSERT INTO usage_daily (account_id, day, product, usage_identifier, unit, total)
				SELECT account_id, (occurred_at AT TIME ZONE 'UTC')::date, product, usage_identifier, unit, \
				sum(quantity)
				FROM usage_record WHERE account_id = :account GROUP BY 1, 2, 3, 4, 5""")
			.param("account", deep)
			.update();
		history(deep, "2024-11-01");
		this.jdbc.sql("""
				INSERT INTO usage_daily (account_id, day, product, usage_identifier, unit, total)
				SELECT :shallow, day, product, usage_identifier, unit, total FROM usage_daily
				WHERE account_id = :deep AND day >= DATE '2026-11-01'""")
			.param("shallow", shallow)
			.param("deep", deep)
			.update();
		history(shallow, "2026-08-20");
		// The period totals ingestion keeps, added up from the days the way an account's
		// opening adds them up.
		this.jdbc.sql("""
				INSERT INTO usage_period (account_id, period_start, product, usage_identifier, unit, total)
				SELECT d.account_id, usage_period_start(d.day, a.bill_day), d.product, d.usage_identifier, d.unit,
				       sum(d.total)
				FROM usage_daily d JOIN usage_account a USING (account_id)
				WHERE d.account_id IN (:deep, :shallow)
				GROUP BY 1, 2, 3, 4, 5""").param("deep", deep).param("shallow", shallow).update();
		// What autovacuum would long have done in a service that got here over two years;
		// left to run during the measurement, it takes one of the two cores.
		this.jdbc.sql("VACUUM ANALYZE usage_record").update();
		this.jdbc.sql("VACUUM ANALYZE usage_daily").update();
		this.jdbc.sql("VACUUM ANALYZE usage_period").update();
		line("Seeded %,d records in the current period (2,000 page rows) with 24 months of daily rollups before it, "
				+ "and the same period with 73 days before it, in %.0f s; usage_daily holds %,d rows, usage_period %,d",
				RECORDS, (System.nanoTime() - seeding) / 1e9, count("SELECT count(*) FROM usage_daily"),
				count("SELECT count(*) FROM usage_period"));

		List<String> paths = List.of("/usage", "/usage/daily", "/usage.csv", "/usage?period=2026-10");
		// Warm first on every path, as a service is that has been up a while: the JIT
		// compiles what all of them share.
		for (String path : paths) {
			warm(deep, shallow, path);
		}
		compare(deep, shallow, "usage page", paths.get(0));
		compare(deep, shallow, "daily", paths.get(1));
		compare(deep, shallow, "CSV", paths.get(2));
		compare(deep, shallow, "2026-10 page", paths.get(3));
		Files.writeString(Path.of("target", "usage-page-benchmark.txt"), this.report);
	}

	/**
	 * Daily rollup rows of 500 identifiers × 4 products from {@code from} to the current
	 * period.
	 */
	private void history(UUID account, String from) {
		this.jdbc.sql("""
				INSERT INTO usage_daily (account_id, day, product, usage_identifier, unit, total)
				SELECT :account, d::date, p.product, '+1206' || lpad(i::text, 7, '0'), p.unit, 100 + i % 37
				FROM generate_series(CAST(:from AS date), DATE '2026-10-31', INTERVAL '1 day') AS d,
				     (VALUES ('Mobile data', 'MB'), ('Voice', 'min'), ('SMS', 'SMS'), ('Roaming data', 'MB')) \
				     AS p (product, unit),
				     generate_series(0, 499) AS i""").param("account", account).param("from", from).update();
	}

	/**
	 * The same request for the account with 24 months of history and the one with 73
	 * days, alternating, so that both meet the same machine (JIT, garbage collector,
	 * whatever else runs) and only the history differs.
	 */
	private void compare(UUID deep, UUID shallow, String what, String path) {
		warm(deep, shallow, path);
		ApiClient deepCustomer = as(TestTokens.customer(deep));
		ApiClient shallowCustomer = as(TestTokens.customer(shallow));
		long[] deepNanos = new long[REQUESTS];
		long[] shallowNanos = new long[REQUESTS];
		for (int i = 0; i < REQUESTS; i++) {
			deepNanos[i] = time(deepCustomer, "/api/accounts/" + deep + path);
			shallowNanos[i] = time(shallowCustomer, "/api/accounts/" + shallow + path);
		}
		report("24 months, " + what, deepNanos);
		report("73 days, " + what, shallowNanos);
	}

	private void warm(UUID deep, UUID shallow, String path) {
		ApiClient deepCustomer = as(TestTokens.customer(deep));
		ApiClient shallowCustomer = as(TestTokens.customer(shallow));
		for (int i = 0; i < WARMUP; i++) {
			deepCustomer.get("/api/accounts/" + deep + path);
			shallowCustomer.get("/api/accounts/" + shallow + path);
		}
	}

	private static long time(ApiClient customer, String url) {
		long start = System.nanoTime();
		HttpResponse<String> response = customer.get(url);
		long nanos = System.nanoTime() - start;
		assertThat(response.statusCode()).isEqualTo(200);
		return nanos;
	}

	private void report(String what, long[] nanos) {
		Arrays.sort(nanos);
		line("%-24s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%,d requests, one client)", what,
				percentile(nanos, 0.50), percentile(nanos, 0.95), percentile(nanos, 0.99),
				nanos[nanos.length - 1] / 1e6, REQUESTS);
	}

	private static double percentile(long[] sorted, double p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

	private void line(String format, Object... args) {
		String text = String.format(format, args);
		System.out.println(text);
		this.report.append(text).append('\n');
	}

}
