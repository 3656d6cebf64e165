package dev.portico.deploy.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.portico.deploy.Repo;
import dev.portico.deploy.compose.ComposeFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The business metrics the dashboards and alerts read are the ones the services register.
 */
class KnownMetricsTest {

	@Test
	void everyBusinessMetricIsRegisteredByAService() {
		String sources = mainSources();
		Set<String> unregistered = new TreeSet<>();
		for (String name : KnownMetrics.BUSINESS) {
			if (!sources.contains("\"" + name + "\"")) {
				unregistered.add(name);
			}
		}
		assertThat(unregistered).as("meter names no service registers").isEmpty();
	}

	@Test
	void everyPorticoSeriesComesFromABusinessMeter() {
		for (String series : KnownMetrics.NAMES) {
			if (series.startsWith("portico_")) {
				// Prometheus' name: dots become underscores, counters end in _total,
				// timers in _seconds_<part>.
				String meter = series.replaceFirst("(_seconds)?_(total|bucket|count|sum|max)$", "").replace('_', '.');
				assertThat(KnownMetrics.BUSINESS).as(series).contains(meter);
			}
		}
	}

	private static String mainSources() {
		StringBuilder all = new StringBuilder();
		// The services' own meters, and those the platform registers in every service
		// (e.g. dead letters).
		List<String> modules = new java.util.ArrayList<>(ComposeFile.OUR_SERVICES);
		modules.addAll(List.of("platform/events", "platform/web", "platform/security", "platform/service"));
		for (String service : modules) {
			Path main = Repo.root().resolve(service).resolve("src/main/java");
			try (Stream<Path> files = Files.walk(main)) {
				files.filter((file) -> file.toString().endsWith(".java"))
					.forEach((file) -> all.append(ComposeFile.read(file)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return all.toString();
	}

}
