package dev.portico.invoice.invoice;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import dev.portico.invoice.testing.InvoiceApiTest;
import dev.portico.test.ApiClient;
import dev.portico.test.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invoice list at its target size: one account with 10,000 invoices (two years of
 * history, most paid) among 100,000, listed over HTTP by the running service exactly as a
 * client lists it (token check, access check, count and page query, JSON), sorted by due
 * date, 20 a page. Reports latency percentiles of the first page and of random pages, for
 * open invoices (the default) and for all of them.
 * <p>
 * Not a test: Surefire runs {@code *Test} only. Run it with
 * {@code invoice-service/bench/invoice-list.sh}; results go to
 * {@code invoice-service/target/invoice-list-benchmark.txt}.
 */
class InvoiceListBenchmark extends InvoiceApiTest {

	private static final int INVOICES = 10_000;

	private static final int OTHER_INVOICES = 90_000;

	private static final int WARMUP = 3_000;

	private static final int REQUESTS = 5_000;

	@Autowired
	private JdbcClient jdbc;

	private final StringBuilder report = new StringBuilder();

	@Test
	void run() throws IOException {
		UUID account = this.accounts.root("Benchmark Holdings", "USD");
		long seeding = System.nanoTime();
		seed(account, INVOICES, "BEN");
		for (int i = 0; i < OTHER_INVOICES / INVOICES; i++) {
			seed(this.accounts.root("Other " + i, "USD"), INVOICES, "O" + i);
		}
		this.jdbc.sql("ANALYZE invoice").update();
		line("Seeded %,d invoices of the account (20%% open) among %,d in %.1f s", INVOICES, INVOICES + OTHER_INVOICES,
				(System.nanoTime() - seeding) / 1e9);

		ApiClient customer = as(TestTokens.customer(account));
		String base = "/api/accounts/" + account + "/invoices?sort=dueDate,asc&size=20";
		measure(customer, "open, first page", (random) -> base);
		measure(customer, "open, random page", (random) -> base + "&page=" + random.nextInt(INVOICES / 5 / 20));
		measure(customer, "all, first page", (random) -> base + "&status=all");
		measure(customer, "all, random page", (random) -> base + "&status=all&page=" + random.nextInt(INVOICES / 20));
		Path out = Path.of("target", "invoice-list-benchmark.txt");
		Files.writeString(out, this.report);
	}

	private void measure(ApiClient client, String what, java.util.function.Function<Random, String> paths) {
		Random random = new Random(7);
		for (int i = 0; i < WARMUP; i++) {
			client.get(paths.apply(random));
		}
		long[] nanos = new long[REQUESTS];
		for (int i = 0; i < REQUESTS; i++) {
			String path = paths.apply(random);
			long start = System.nanoTime();
			HttpResponse<String> response = client.get(path);
			nanos[i] = System.nanoTime() - start;
			assertThat(response.statusCode()).isEqualTo(200);
		}
		Arrays.sort(nanos);
		line("%-18s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%,d requests, one client)", what,
				percentile(nanos, 0.50), percentile(nanos, 0.95), percentile(nanos, 0.99),
				nanos[nanos.length - 1] / 1e6, REQUESTS);
	}

	/**
	 * Invoices over two years, several per due date (equal keys), every fifth still open.
	 */
	private void seed(UUID account, int count, String prefix) {
		this.jdbc.sql("""
				INSERT INTO invoice (id, number, account_id, issue_date, due_date, period_start, period_end, currency,
				                     subtotal, tax, total, amount_paid, balance, status, bill_to, issued_at)
				SELECT gen_random_uuid(), 'INV-' || :prefix || '-' || lpad(n::text, 6, '0'), :account,
				       DATE '2024-12-01' + (n * 730 / :count), DATE '2024-12-15' + (n * 730 / :count),
				       DATE '2024-11-01' + (n * 730 / :count), DATE '2024-11-30' + (n * 730 / :count), 'USD',
				       100 + n % 50, 0, 100 + n % 50,
				       CASE WHEN n % 5 = 0 THEN 0 ELSE 100 + n % 50 END,
				       CASE WHEN n % 5 = 0 THEN 100 + n % 50 ELSE 0 END,
				       CASE WHEN n % 5 = 0 THEN 'OPEN' ELSE 'PAID' END,
				       '{"name":"Benchmark","accountNumber":"A-1","addressLines":[]}', now()
				FROM generate_series(1, :count) AS n""")
			.param("prefix", prefix)
			.param("account", account)
			.param("count", count)
			.update();
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
