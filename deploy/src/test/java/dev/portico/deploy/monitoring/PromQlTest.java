package dev.portico.deploy.monitoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metric-name check finds the names an expression reads, and so catches a misspelt
 * one.
 */
class PromQlTest {

	@Test
	void findsTheMetricsBehindFunctionsLabelsRangesAndGrouping() {
		assertThat(PromQl.metricNames("""
				histogram_quantile(0.99, sum by (le) \
				(rate(http_server_requests_seconds_bucket{uri=~"/api.*", uri!~".*/events"}[5m]))) > 1
				and on (application) max without (instance) (up{job="web"} offset 5m) == bool 0
				""")).containsExactly("http_server_requests_seconds_bucket", "up");
	}

	@Test
	void ignoresGrafanaVariablesAndNumbers() {
		assertThat(PromQl.metricNames(
				"sum(rate(jvm_gc_pause_seconds_sum{application=\"$application\"}[$__rate_interval])) / 1e3 > (14.4 * 0.005)"))
			.containsExactly("jvm_gc_pause_seconds_sum");
	}

	@Test
	void aMisspeltMetricIsUnknown() {
		assertThat(KnownMetrics.unknownIn("sum(rate(http_server_request_seconds_count{status=~\"5..\"}[5m]))"))
			.containsExactly("http_server_request_seconds_count");
		assertThat(KnownMetrics.unknownIn("max by (topic) (kafka_consumer_records_lag_max) > 1000"))
			.containsExactly("kafka_consumer_records_lag_max");
		assertThat(KnownMetrics.unknownIn("sum by (outcome) (rate(portico_payments_total[5m]))")).isEmpty();
	}

}
