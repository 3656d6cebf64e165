package dev.portico.deploy.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.portico.deploy.Repo;
import dev.portico.deploy.compose.ComposeFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards load, query the provisioned Prometheus, and read only metrics
 * that exist.
 */
class DashboardsTest {

	private static final Path GRAFANA = Repo.root().resolve("config/monitoring/grafana");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.build();

	private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");

	private final Map<String, JsonNode> dashboards = dashboards();

	@Test
	void everyDashboardHasItsOwnUidAndATitle() {
		Set<String> uids = new HashSet<>();
		this.dashboards.forEach((file, dashboard) -> {
			String uid = dashboard.path("uid").asString();
			assertThat(uid).as(file).isNotBlank();
			assertThat(uids.add(uid)).as(file + " repeats uid " + uid).isTrue();
			assertThat(dashboard.path("title").asString()).as(file).isNotBlank();
		});
		assertThat(uids).contains("portico-overview", "portico-service", "portico-payments");
	}

	@Test
	void everyPanelQueriesTheProvisionedPrometheus() {
		Map<String, Object> datasource = ComposeFile
			.map(((List<?>) provisioning("datasources/prometheus.yml").get("datasources")).get(0), "datasource");
		this.dashboards.forEach((file, dashboard) -> {
			for (JsonNode panel : panels(dashboard)) {
				assertThat(panel.path("datasource").path("uid").asString()).as(file + " " + panel.path("title"))
					.isEqualTo(datasource.get("uid"));
				assertThat(panel.path("targets").isEmpty()).as(file + " " + panel.path("title") + " has no query")
					.isFalse();
			}
		});
	}

	@Test
	void everyQueryReadsKnownMetricsAndDefinedVariables() {
		List<String> problems = new ArrayList<>();
		this.dashboards.forEach((file, dashboard) -> {
			Set<String> variables = new HashSet<>();
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				variables.add(variable.path("name").asString());
				Matcher query = LABEL_VALUES.matcher(variable.path("definition").asString());
				if (query.find() && !KnownMetrics.NAMES.contains(query.group(1))) {
					problems.add(file + " variable " + variable.path("name").asString() + " reads " + query.group(1));
				}
			}
			for (JsonNode panel : panels(dashboard)) {
				for (JsonNode target : panel.path("targets")) {
					String expr = target.path("expr").asString();
					KnownMetrics.unknownIn(expr)
						.forEach((name) -> problems
							.add(file + " \"" + panel.path("title").asString() + "\" reads " + name));
					Matcher variable = VARIABLE.matcher(expr);
					while (variable.find()) {
						if (!variable.group(1).startsWith("__") && !variables.contains(variable.group(1))) {
							problems.add(file + " \"" + panel.path("title").asString() + "\" uses undefined $"
									+ variable.group(1));
						}
					}
				}
			}
		});
		assertThat(problems).isEmpty();
	}

	@Test
	void theServiceDashboardIsTemplatedByApplication() {
		JsonNode service = this.dashboards.values()
			.stream()
			.filter((dashboard) -> dashboard.path("uid").asString().equals("portico-service"))
			.findFirst()
			.orElseThrow();
		assertThat(service.path("templating").path("list").get(0).path("name").asString()).isEqualTo("application");
		for (JsonNode panel : panels(service)) {
			for (JsonNode target : panel.path("targets")) {
				assertThat(target.path("expr").asString()).as(panel.path("title").asString())
					.contains("application=\"$application\"");
			}
		}
	}

	@Test
	void grafanaIsProvisionedFromWhereComposeMountsTheFiles() {
		List<Object> volumes = ComposeFile.list(ComposeFile.load().service("grafana").get("volumes"),
				"grafana volumes");
		assertThat(volumes).contains("./config/monitoring/grafana/provisioning:/etc/grafana/provisioning:ro",
				"./config/monitoring/grafana/dashboards:/etc/grafana/dashboards:ro");
		Map<String, Object> provider = ComposeFile
			.map(((List<?>) provisioning("dashboards/portico.yml").get("providers")).get(0), "provider");
		assertThat(ComposeFile.map(provider.get("options"), "options").get("path"))
			.isEqualTo("/etc/grafana/dashboards");
		Map<String, Object> datasource = ComposeFile
			.map(((List<?>) provisioning("datasources/prometheus.yml").get("datasources")).get(0), "datasource");
		assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
		assertThat(ComposeFile.load().services()).containsKey("prometheus");
	}

	private static Map<String, Object> provisioning(String file) {
		return ComposeFile.map(ComposeFile.yaml(ComposeFile.read(GRAFANA.resolve("provisioning").resolve(file))), file);
	}

	/** Panels, those inside collapsed rows included; rows themselves query nothing. */
	private static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			if (panel.path("type").asString().equals("row")) {
				panel.path("panels").forEach(panels::add);
			}
			else {
				panels.add(panel);
			}
		}
		return panels;
	}

	private static Map<String, JsonNode> dashboards() {
		Map<String, JsonNode> dashboards = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
			for (Path file : files.sorted().toList()) {
				assertThat(file.getFileName().toString()).endsWith(".json");
				dashboards.put(file.getFileName().toString(), JSON.readTree(ComposeFile.read(file)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(dashboards).hasSizeGreaterThanOrEqualTo(3);
		return dashboards;
	}

}
