package dev.portico.usage.ingest;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.portico.test.ProblemAssertions;
import dev.portico.test.TestTokens;
import dev.portico.usage.testing.UsageApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.portico.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/usage/records}: ops only, all or nothing, every error by index,
 * duplicates ignored.
 */
class RecordIngestionApiTest extends UsageApiTest {

	@Test
	void aValidBatchIsStoredAndRolledUpPerDay() {
		UUID account = open(1);
		List<Map<String, Object>> batch = List.of(
				record(account, "Mobile data", "+12065550100", "1.5", "GB", "2026-11-20T08:00:00Z"),
				record(account, "Mobile data", "+12065550100", "0.25", "GB", "2026-11-20T23:59:59.999999Z"),
				record(account, "Mobile data", "+12065550100", "2", "GB", "2026-11-21T00:00:00Z"),
				record(account, "Voice", "+12065550100", "12", "min", "2026-11-20T09:30:00+02:00"));

		HttpResponse<String> response = ingest(batch);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode result = json(response);
		assertThat(result.path("received").asInt()).isEqualTo(4);
		assertThat(result.path("accepted").asInt()).isEqualTo(4);
		assertThat(result.path("duplicates").asInt()).isZero();
		assertThat(count("SELECT count(*) FROM usage_record WHERE account_id = ?", account)).isEqualTo(4);
		assertThat(daily(account, "2026-11-20", "Mobile data")).isEqualByComparingTo("1.75");
		assertThat(daily(account, "2026-11-21", "Mobile data")).isEqualByComparingTo("2");
		assertThat(daily(account, "2026-11-20", "Voice")).isEqualByComparingTo("12");
	}

	@Test
	void aRecordIdSeenBeforeIsIgnoredWithinABatchAndAcrossBatches() {
		UUID account = open(1);
		Map<String, Object> first = record(account, "SMS", "+12065550100", "1", "SMS", "2026-11-20T08:00:00Z");
		Map<String, Object> again = new LinkedHashMap<>(first);
		again.put("quantity", "100");

		JsonNode batch = json(ingest(List.of(first, again)));
		assertThat(batch.path("accepted").asInt()).isOne();
		assertThat(batch.path("duplicates").asInt()).isOne();

		Map<String, Object> other = record(account, "SMS", "+12065550100", "2", "SMS", "2026-11-20T09:00:00Z");
		JsonNode retried = json(ingest(List.of(first, other)));
		assertThat(retried.path("accepted").asInt()).isOne();
		assertThat(retried.path("duplicates").asInt()).isOne();
		assertThat(daily(account, "2026-11-20", "SMS")).as("the first of each id, once").isEqualByComparingTo("3");
		assertThat(count("SELECT count(*) FROM usage_record WHERE account_id = ?", account)).isEqualTo(2);
	}

	@Test
	void everyInvalidFieldIsReportedByIndexAndNothingOfTheBatchIsStored() {
		UUID account = open(1);
		List<Object> batch = new ArrayList<>();
		batch.add(record(account, "Mobile data", "dev-1", "1", "GB", "2026-11-20T08:00:00Z"));
		batch.add(with(record(account, "Mobile data", "dev-1", "1", "GB", "2026-11-20T08:00:00Z"), "recordId",
				"not-a-uuid"));
		batch.add(with(record(account, "Mobile data", "dev-1", "1", "GB", "2026-11-20T08:00:00Z"), "accountId",
				"1-2-3-4-5"));
		batch.add(with(record(account, " ", "dev-1", "-0.5", "Gb", "2026-11-20T08:00:00Z"), "usageIdentifier",
				"x".repeat(101)));
		batch.add(record(account, "Mobile data", "dev-1", "0.0000001", "GB", "2026-11-27T12:00:01Z"));
		batch.add(record(account, "Mobile data", "dev\u0000", "1000000000000", "GB", "yesterday"));
		batch.add(with(record(account, "Mobile data", "dev-1", "abc", "GB", "1999-12-31T23:59:59Z"), "product", null));
		batch.add(null);
		batch.add(Map.of());

		HttpResponse<String> response = ingest(batch);

		JsonNode problem = ProblemAssertions.assertProblem(response, 422, "validation-failed");
		assertThat(problem.path("invalidRecords").asInt()).isEqualTo(8);
		assertThat(problem.path("detail").asString())
			.isEqualTo("8 records are invalid; nothing of the batch was stored.");
		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach((error) -> fields.add(error.path("field").asString()));
		assertThat(fields).containsExactly("records[1].recordId", "records[2].accountId", "records[3].product",
				"records[3].usageIdentifier", "records[3].quantity", "records[3].unit", "records[4].quantity",
				"records[4].occurredAt", "records[5].usageIdentifier", "records[5].quantity", "records[5].occurredAt",
				"records[6].product", "records[6].quantity", "records[6].occurredAt", "records[7]",
				"records[8].recordId", "records[8].accountId", "records[8].product", "records[8].usageIdentifier",
				"records[8].quantity", "records[8].unit", "records[8].occurredAt");
		assertThat(message(problem, "records[3].quantity")).isEqualTo("must not be negative");
		assertThat(message(problem, "records[3].unit")).contains("GB", "min", "kWh");
		assertThat(message(problem, "records[4].quantity")).isEqualTo("must have at most 6 decimals");
		assertThat(message(problem, "records[4].occurredAt")).isEqualTo("must not be more than a day in the future");
		assertThat(message(problem, "records[5].usageIdentifier")).isEqualTo("must not contain control characters");
		assertThat(message(problem, "records[5].quantity")).isEqualTo("must be below 10^12");
		assertThat(message(problem, "records[6].occurredAt")).isEqualTo("must not be before 2000-01-01");
		assertThat(count("SELECT count(*) FROM usage_record WHERE account_id = ?", account)).isZero();
		assertThat(count("SELECT count(*) FROM usage_daily WHERE account_id = ?", account)).isZero();
	}

	@Test
	void quantitiesMayBeJsonNumbersAndAtTheLimits() {
		UUID account = open(1);
		Map<String, Object> number = record(account, "Energy", "meter-7", "0", "kWh", "2026-11-20T08:00:00Z");
		number.put("quantity", new BigDecimal("2.125"));
		Map<String, Object> largest = record(account, "Energy", "meter-7", "999999999999.999999", "kWh",
				"2026-11-20T09:00:00Z");
		Map<String, Object> zero = record(account, "Energy", "meter-7", "0.000000", "kWh", "2026-11-26T12:00:00Z");

		HttpResponse<String> response = ingest(List.of(number, largest, zero));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(daily(account, "2026-11-20", "Energy")).isEqualByComparingTo("1000000000002.124999");
		assertThat(daily(account, "2026-11-26", "Energy")).isEqualByComparingTo("0");
	}

	@Test
	void aBatchHoldsOneToTenThousandRecords() {
		UUID account = open(1);
		List<Map<String, Object>> tooMany = new ArrayList<>();
		for (int i = 0; i < 10_001; i++) {
			tooMany.add(record(account, "SMS", "+12065550100", "1", "SMS", "2026-11-20T08:00:00Z"));
		}

		JsonNode problem = ProblemAssertions.assertProblem(ingest(tooMany), 422, "validation-failed");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("records");
		ProblemAssertions.assertProblem(ingest(List.of()), 422, "validation-failed");

		HttpResponse<String> full = ingest(tooMany.subList(0, 10_000));
		assertThat(full.statusCode()).as(full.body()).isEqualTo(202);
		assertThat(json(full).path("accepted").asInt()).isEqualTo(10_000);
		assertThat(daily(account, "2026-11-20", "SMS")).isEqualByComparingTo("10000");
	}

	/**
	 * Batches touching the same daily rows lock them in key order: none waits on another
	 * in a cycle.
	 */
	@Test
	void concurrentBatchesOnTheSameDaysNeitherDeadlockNorLoseAnything() throws Exception {
		UUID account = open(1);
		List<List<Map<String, Object>>> batches = new ArrayList<>();
		Random random = new Random(42);
		for (int b = 0; b < 24; b++) {
			List<Map<String, Object>> batch = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				batch.add(record(account, "Product " + random.nextInt(3), "id-" + random.nextInt(4), "0.5", "unit",
						"2026-11-" + (10 + random.nextInt(5)) + "T12:00:00Z"));
			}
			Collections.shuffle(batch, random);
			batches.add(batch);
		}
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<HttpResponse<String>>> sent = new ArrayList<>();
			for (List<Map<String, Object>> batch : batches) {
				sent.add(pool.submit(() -> ingest(batch)));
			}
			for (Future<HttpResponse<String>> response : sent) {
				assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(202);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(this.jdbc.sql("SELECT sum(total) FROM usage_daily WHERE account_id = ?")
			.param(account)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("6000");
		assertThat(count("SELECT count(*) FROM usage_record WHERE account_id = ?", account)).isEqualTo(12_000);
	}

	@Test
	void aBatchOfAnAccountUsageServiceHasNotHeardOfIsStoredAllTheSame() {
		UUID later = UUID.randomUUID();

		HttpResponse<String> response = ingest(List.of(record(later, "SMS", "+1", "3", "SMS", "2026-11-20T08:00:00Z")));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(daily(later, "2026-11-20", "SMS")).isEqualByComparingTo("3");
	}

	@Test
	void malformedJsonIsABadRequest() {
		ProblemAssertions.assertProblem(this.ops.post("/api/usage/records", "[{\"recordId\": "), 400,
				"malformed-request");
		ProblemAssertions.assertProblem(this.ops.post("/api/usage/records", "{\"records\": []}"), 400,
				"malformed-request");
		ProblemAssertions.assertProblem(this.ops.post("/api/usage/records", "[{\"product\": {\"a\": 1}}]"), 400,
				"malformed-request");
		Map<String, Object> unknownField = record(UUID.randomUUID(), "SMS", "+1", "1", "SMS", "2026-11-20T08:00:00Z");
		unknownField.put("cellId", "SEA-0042");
		JsonNode problem = ProblemAssertions.assertProblem(ingest(List.of(unknownField)), 400, "malformed-request");
		assertThat(problem.path("detail").asString()).contains("cellId");
	}

	@Test
	void customersMayNotIngestWhateverTheyPost() {
		UUID account = open(1);
		var customer = as(TestTokens.customer(account));

		ProblemAssertions.assertProblem(customer.post("/api/usage/records", "[]"), 403, "forbidden");
		ProblemAssertions.assertProblem(customer.post("/api/usage/records",
				List.of(record(account, "SMS", "+1", "1", "SMS", "2026-11-20T08:00:00Z"))), 403, "forbidden");
		assertThat(count("SELECT count(*) FROM usage_record WHERE account_id = ?", account)).isZero();
	}

	private BigDecimal daily(UUID account, String day, String product) {
		return this.jdbc
			.sql("SELECT sum(total) FROM usage_daily WHERE account_id = ? AND day = CAST(? AS date) AND product = ?")
			.params(account, day, product)
			.query(BigDecimal.class)
			.single();
	}

	private static Map<String, Object> with(Map<String, Object> record, String field, Object value) {
		record.put(field, value);
		return record;
	}

	private static String message(JsonNode problem, String field) {
		for (JsonNode error : problem.path("errors")) {
			if (error.path("field").asString().equals(field)) {
				return error.path("message").asString();
			}
		}
		return null;
	}

}
