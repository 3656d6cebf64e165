package dev.portico.deploy.monitoring;

import java.util.Set;
import java.util.TreeSet;

/**
 * Every metric name the dashboards and alerts may read: what the services expose
 * (Micrometer's standard meters and Portico's business meters, as Prometheus names them)
 * and Prometheus' own {@code up}. A typo in an expression is a name missing here, and
 * fails the tests instead of drawing an empty panel.
 */
final class KnownMetrics {

	static final Set<String> NAMES = Set.of(
			// Prometheus, per scrape target
			"up",
			// HTTP server, every service (SLO buckets from the platform defaults)
			"http_server_requests_seconds_count", "http_server_requests_seconds_sum",
			"http_server_requests_seconds_bucket", "http_server_requests_seconds_max",
			// JVM and process
			"jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_pause_seconds_count", "jvm_gc_pause_seconds_sum",
			"jvm_gc_pause_seconds_max", "jvm_threads_live_threads", "process_cpu_usage", "system_cpu_usage",
			"process_uptime_seconds",
			// Database pools and Kafka consumers
			"hikaricp_connections_active", "hikaricp_connections_pending",
			"kafka_consumer_fetch_manager_records_lag_max",
			// Business meters (Micrometer names in BUSINESS)
			"portico_payments_total", "portico_payments_reconciled_total", "portico_payments_unknown",
			"portico_payments_unknown_oldest_seconds", "portico_payments_disputes_total",
			"portico_events_dead_letters_total", "portico_allocation_lag_seconds_bucket",
			"portico_allocation_lag_seconds_count", "portico_allocation_lag_seconds_sum",
			"portico_payment_balance_latency_seconds_bucket", "portico_payment_balance_latency_seconds_count",
			"portico_payment_balance_latency_seconds_sum", "portico_usage_records_total",
			"portico_invoice_pdf_render_seconds_bucket", "portico_invoice_pdf_render_seconds_count",
			"portico_invoice_pdf_render_seconds_sum", "portico_login_failures_total", "portico_balance_streams_open");

	/** The Micrometer names the services register for the business metrics above. */
	static final Set<String> BUSINESS = Set.of("portico.payments", "portico.payments.reconciled",
			"portico.payments.unknown", "portico.payments.unknown.oldest.seconds", "portico.payments.disputes",
			"portico.events.dead.letters", "portico.allocation.lag", "portico.payment.balance.latency",
			"portico.usage.records", "portico.invoice.pdf.render", "portico.login.failures",
			"portico.balance.streams.open");

	private KnownMetrics() {
	}

	static Set<String> unknownIn(String expression) {
		Set<String> unknown = new TreeSet<>(PromQl.metricNames(expression));
		unknown.removeAll(NAMES);
		return unknown;
	}

}
