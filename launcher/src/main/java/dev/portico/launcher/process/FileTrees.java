package dev.portico.launcher.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Directory trees the launcher owns (unpacked distributions, extracted jars, local data).
 */
public final class FileTrees {

	private FileTrees() {
	}

	/**
	 * Deletes {@code dir} and everything below it; nothing happens if it does not exist.
	 */
	public static void delete(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

}
