package dev.portico.deploy.monitoring;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.portico.deploy.Repo;
import dev.portico.deploy.compose.ComposeFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus of the monitoring profile scrapes every service of the compose file where it
 * listens.
 */
class PrometheusConfigTest {

	private static final Path DIR = Repo.root().resolve("config/monitoring/prometheus");

	private final Map<String, Object> config = ComposeFile
		.map(ComposeFile.yaml(ComposeFile.read(DIR.resolve("prometheus.yml"))), "prometheus.yml");

	@Test
	void scrapesEveryServiceOfTheComposeFileOnItsPortAsAJobOfItsName() {
		Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
		for (Object job : (List<?>) this.config.get("scrape_configs")) {
			Map<String, Object> scrape = ComposeFile.map(job, "scrape config");
			jobs.put(String.valueOf(scrape.get("job_name")), scrape);
		}
		List<String> ours = ComposeFile.load()
			.services()
			.entrySet()
			.stream()
			.filter((service) -> String.valueOf(service.getValue().get("image")).startsWith("portico/"))
			.map(Map.Entry::getKey)
			.toList();
		assertThat(ours).containsExactlyInAnyOrderElementsOf(ComposeFile.OUR_SERVICES);
		// Job names are the service names: alerts.yml's `up{job=...}` holds for compose
		// and for a ServiceMonitor.
		assertThat(jobs).containsOnlyKeys(ours);
		for (String service : ours) {
			Map<String, Object> job = jobs.get(service);
			assertThat(job.get("metrics_path")).as(service).isEqualTo("/actuator/prometheus");
			Object targets = ComposeFile.map(((List<?>) job.get("static_configs")).get(0), service).get("targets");
			assertThat(targets).as(service).isEqualTo(List.of(service + ":" + ComposeFile.managementPort(service)));
		}
	}

	@Test
	void loadsTheAlertRulesTheComposeFileMountsBesideIt() {
		assertThat(this.config.get("rule_files")).isEqualTo(List.of("alerts.yml"));
		assertThat(ComposeFile.list(ComposeFile.load().service("prometheus").get("volumes"), "prometheus volumes"))
			.contains("./config/monitoring/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
					"./config/monitoring/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
	}

}
