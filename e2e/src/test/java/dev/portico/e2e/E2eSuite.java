package dev.portico.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import dev.portico.launcher.Suite;
import dev.portico.launcher.SuiteConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One suite per test run, shared by every end-to-end test class that is extended with it:
 * starting it (Keycloak above all) is most of the run's time. Started before the first
 * such class with the demo data seeded, stopped by JUnit once the last test of the run
 * has finished.
 */
final class E2eSuite implements BeforeAllCallback {

	private static Suite suite;

	private static TraceCollector traces;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(E2eSuite.class, (key) -> {
			Path root = Path.of(System.getProperty("portico.root", "..")).toAbsolutePath().normalize();
			SuiteConfig config = SuiteConfig.forTests(root, root.resolve("e2e/target/suite"));
			// Fresh data every run (the unpacked Keycloak stays): a realm imported by an
			// earlier run would hide changes to the realm file, and old accounts would
			// pile up.
			Suite.deleteData(config);
			try {
				traces = TraceCollector.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			// Every service exports its spans to the collector; which requests are
			// recorded stays the services' sampling decision (a request that arrives with
			// a sampled trace context is always recorded). Balance streams' sessions are
			// checked every 5 s rather than 30 s, so that the tests that end a session
			// need not wait half a minute to see its stream end and the others stay.
			suite = Suite
				.start(config.withServiceEnvironment(Map.of("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
						traces.endpoint(), "PORTICO_ACCOUNTS_STREAMS_SESSION_CHECK", "5s")));
			return (AutoCloseable) () -> {
				suite.close();
				traces.close();
			};
		}, AutoCloseable.class);
	}

	static TraceCollector traces() {
		suite();
		return traces;
	}

	static Suite suite() {
		if (suite == null) {
			throw new IllegalStateException("extend the test class with E2eSuite");
		}
		return suite;
	}

}
