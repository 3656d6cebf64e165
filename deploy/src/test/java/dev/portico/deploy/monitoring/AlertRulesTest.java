package dev.portico.deploy.monitoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.portico.deploy.Repo;
import dev.portico.deploy.compose.ComposeFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every alert can be acted on, reads real metrics, and Kubernetes gets the same rules as
 * compose.
 */
class AlertRulesTest {

	private static final Path ROOT = Repo.root();

	private static final Path ALERTS = ROOT.resolve("config/monitoring/prometheus/alerts.yml");

	private static final Path PROMETHEUS_RULE = ROOT.resolve("k8s/overlays/prod/monitoring/prometheus-rule.yaml");

	private final Map<String, Object> rules = ComposeFile.map(ComposeFile.yaml(ComposeFile.read(ALERTS)), "alerts.yml");

	@Test
	void everyAlertWaitsHasASeverityAndSaysWhatAndWhereItsRunbookIs() {
		List<Map<String, Object>> alerts = alerts();
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(6);
		Set<String> names = new HashSet<>();
		for (Map<String, Object> alert : alerts) {
			String name = String.valueOf(alert.get("alert"));
			assertThat(names.add(name)).as("alert names are unique: " + name).isTrue();
			assertThat(String.valueOf(alert.get("for"))).as(name).matches("\\d+[smh]");
			assertThat(ComposeFile.map(alert.get("labels"), name).get("severity")).as(name).isIn("critical", "warning");
			Map<String, Object> annotations = ComposeFile.map(alert.get("annotations"), name);
			assertThat(annotations.get("summary")).as(name).asString().isNotBlank();
			assertThat(annotations.get("description")).as(name).asString().isNotBlank();
			assertThat(annotations.get("runbook_url")).as(name).isEqualTo(runbook(name));
		}
	}

	@Test
	void theSlosOfIssueNineAreAlertedOn() {
		String all = String.join("\n", alerts().stream().map((alert) -> String.valueOf(alert.get("expr"))).toList());
		assertThat(all)
			.contains("http_server_requests_seconds_count{application=\"gateway\", uri=~\"/api.*\", status=~\"5..\"}")
			.contains("histogram_quantile(0.99,")
			.contains("portico_payment_balance_latency_seconds_bucket")
			.contains("kafka_consumer_fetch_manager_records_lag_max")
			.contains("up{job=~");
	}

	@Test
	void everyExpressionReadsKnownMetrics() {
		for (Map<String, Object> alert : alerts()) {
			assertThat(KnownMetrics.unknownIn(String.valueOf(alert.get("expr")))).as(String.valueOf(alert.get("alert")))
				.isEmpty();
		}
	}

	@Test
	void thePrometheusRuleOfTheProdOverlayHoldsExactlyTheseGroups() {
		Map<String, Object> resource = ComposeFile.map(ComposeFile.yaml(ComposeFile.read(PROMETHEUS_RULE)),
				"PrometheusRule");
		assertThat(resource.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
		assertThat(resource.get("kind")).isEqualTo("PrometheusRule");
		assertThat(ComposeFile.map(resource.get("spec"), "spec").get("groups"))
			.as("run scripts/sync-k8s-monitoring.sh after changing alerts.yml")
			.isEqualTo(this.rules.get("groups"));
	}

	@Test
	void everyRunbookIsASectionOfOperationsMd() {
		Path operations = ROOT.resolve("OPERATIONS.md");
		assumeTrue(Files.exists(operations), "OPERATIONS.md not written yet");
		Set<String> anchors = new HashSet<>();
		Matcher heading = Pattern.compile("(?m)^#+\\s+(.+)$").matcher(ComposeFile.read(operations));
		while (heading.find()) {
			anchors.add("OPERATIONS.md#" + slug(heading.group(1)));
		}
		List<String> missing = new ArrayList<>();
		for (Map<String, Object> alert : alerts()) {
			String runbook = runbook(String.valueOf(alert.get("alert")));
			if (!anchors.contains(runbook)) {
				missing.add(runbook);
			}
		}
		assertThat(missing).as("runbooks without a heading in OPERATIONS.md").isEmpty();
	}

	private static String runbook(String alert) {
		return "OPERATIONS.md#" + alert.toLowerCase(Locale.ROOT);
	}

	/**
	 * GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
	 */
	private static String slug(String heading) {
		return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	private List<Map<String, Object>> alerts() {
		List<Map<String, Object>> alerts = new ArrayList<>();
		for (Object group : (List<?>) this.rules.get("groups")) {
			for (Object rule : (List<?>) ComposeFile.map(group, "group").get("rules")) {
				alerts.add(ComposeFile.map(rule, "rule"));
			}
		}
		return alerts;
	}

}
