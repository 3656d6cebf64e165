package dev.portico.usage;

import dev.portico.test.ServiceContractTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * usage-service starts on real PostgreSQL and Kafka and keeps the suite's service
 * contract.
 */
class UsageServiceApplicationTest extends ServiceContractTest {

	@Test
	void documentsTheUsageApi() {
		JsonNode paths = json(get("/v3/api-docs")).path("paths");

		assertThat(paths.propertyNames()).contains("/api/usage/records", "/api/accounts/{accountId}/usage",
				"/api/accounts/{accountId}/usage.csv", "/api/accounts/{accountId}/usage/daily",
				"/api/accounts/{accountId}/usage/periods");
		assertThat(paths.path("/api/accounts/{accountId}/usage.csv")
			.path("get")
			.path("responses")
			.path("200")
			.path("content")
			.has("text/csv")).isTrue();
		assertThat(paths.path("/api/usage/records").path("post").path("responses").has("202")).isTrue();
	}

}
