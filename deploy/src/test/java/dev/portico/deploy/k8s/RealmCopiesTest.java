package dev.portico.deploy.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.portico.deploy.Repo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/'s copies of config/keycloak are what the script makes of it today (drift fails the
 * build).
 */
class RealmCopiesTest {

	@Test
	void k8sCopiesOfTheRealmAndThemeMatchConfigKeycloak() throws Exception {
		Path root = Repo.root();
		if (Boolean.getBoolean("portico.syncRealm")) {
			RealmCopies.write(root);
		}
		for (var copy : RealmCopies.expected(root).entrySet()) {
			Path file = root.resolve(copy.getKey());
			assertThat(Files.exists(file) ? Files.readString(file) : "")
				.as("%s differs from config/keycloak: run %s", copy.getKey(), RealmCopies.SCRIPT)
				.isEqualTo(copy.getValue());
		}
	}

}
