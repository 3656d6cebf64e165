package dev.portico.e2e;

import java.nio.file.Path;

import dev.portico.launcher.Suite;
import dev.portico.launcher.SuiteConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One suite per test run, shared by every end-to-end test class that is extended with it: starting it (Keycloak
 * above all) is most of the run's time. Started before the first such class with the demo data seeded, stopped
 * by JUnit once the last test of the run has finished.
 */
final class E2eSuite implements BeforeAllCallback {

	private static Suite suite;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(E2eSuite.class, (key) -> {
			Path root = Path.of(System.getProperty("portico.root", "..")).toAbsolutePath().normalize();
			SuiteConfig config = SuiteConfig.forTests(root, root.resolve("e2e/target/suite"));
			// Fresh data every run (the unpacked Keycloak stays): a realm imported by an earlier run would hide
			// changes to the realm file, and old accounts would pile up.
			Suite.deleteData(config);
			suite = Suite.start(config);
			return (AutoCloseable) suite::close;
		}, AutoCloseable.class);
	}

	static Suite suite() {
		if (suite == null) {
			throw new IllegalStateException("extend the test class with E2eSuite");
		}
		return suite;
	}

}
