package dev.portico.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's root, where k8s/, docker-compose.yml and config/ live (tests run in
 * deploy/).
 */
public final class Repo {

	private Repo() {
	}

	public static Path root() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

}
