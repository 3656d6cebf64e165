package dev.portico.usage.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.portico.test.TestTokens;
import dev.portico.usage.testing.UsageApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static dev.portico.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Days and periods follow the provider's zone, here one that leaves daylight saving time
 * on Nov 1st.
 */
@TestPropertySource(properties = "portico.usage.time-zone=America/New_York")
class ProviderTimeZoneTest extends UsageApiTest {

	@Test
	void recordsCountOnTheirDayAndPeriodInTheProvidersZone() {
		UUID account = open(1);
		this.clock.set(Instant.parse("2026-11-01T12:00:00Z"));
		assertThat(ingest(List.of(
				// 23:30 on Oct 31 in New York (EDT, UTC-4): October's period.
				record(account, "Voice", "+12065550101", "1", "min", "2026-11-01T03:30:00Z"),
				// 00:30 on Nov 1st in New York: November's.
				record(account, "Voice", "+12065550101", "2", "min", "2026-11-01T04:30:00Z"),
				// 01:30 EST, the second time the clocks show 01:30 that night: still Nov
				// 1st.
				record(account, "Voice", "+12065550101", "4", "min", "2026-11-01T06:30:00Z")))
			.statusCode()).isEqualTo(202);
		var customer = as(TestTokens.customer(account));

		JsonNode november = json(customer.get("/api/accounts/" + account + "/usage/daily"));
		assertThat(november.path("period").asString()).isEqualTo("2026-11");
		assertThat(days(november)).containsExactly("2026-11-01|6");
		JsonNode october = json(customer.get("/api/accounts/" + account + "/usage/daily?period=2026-10"));
		assertThat(days(october)).containsExactly("2026-10-31|1");

		// 23:59 on Nov 30 in New York is 04:59 UTC on Dec 1st: November is still the
		// current period.
		this.clock.set(Instant.parse("2026-12-01T04:59:00Z"));
		assertThat(json(customer.get("/api/accounts/" + account + "/usage")).path("period").asString())
			.isEqualTo("2026-11");
		this.clock.set(Instant.parse("2026-12-01T05:00:00Z"));
		assertThat(json(customer.get("/api/accounts/" + account + "/usage")).path("period").asString())
			.isEqualTo("2026-12");
	}

	private static List<String> days(JsonNode daily) {
		List<String> days = new ArrayList<>();
		daily.path("days")
			.forEach((day) -> days.add(day.path("date").asString() + "|" + day.path("totalUsed").asString()));
		return days;
	}

}
