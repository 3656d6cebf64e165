package dev.portico.launcher.keycloak;

import dev.portico.launcher.BuildInfo;
import dev.portico.launcher.LauncherException;
import dev.portico.launcher.SuiteConfig;
import dev.portico.launcher.process.FileTrees;
import dev.portico.launcher.process.JavaRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The official Keycloak distribution, unpacked once under
 * {@code <base>/keycloak/keycloak-<version>} from the zip Maven put in the local
 * repository, with the {@code portal} realm in its {@code data/import/}.
 */
public final class KeycloakDist {

	public static final String REALM_FILE = "config/keycloak/portal-realm.json";

	private KeycloakDist() {
	}

	public static Path home(SuiteConfig c) {
		return home(c.keycloakDir());
	}

	/**
	 * The Keycloak home under {@code keycloakDir}, for callers without a
	 * {@link SuiteConfig} (test support).
	 */
	public static Path home(Path keycloakDir) {
		return keycloakDir.resolve("keycloak-" + BuildInfo.keycloakVersion());
	}

	/**
	 * Unpacks the distribution if needed and (re)places the realm file and themes;
	 * returns the Keycloak home.
	 */
	public static Path prepare(SuiteConfig c) {
		return prepare(c.keycloakDir(), c.repoRoot().resolve(REALM_FILE));
	}

	/**
	 * Like {@link #prepare(SuiteConfig)} for callers without a {@link SuiteConfig}:
	 * unpacks the distribution under {@code keycloakDir} if needed and places
	 * {@code realm} in its import directory. Not safe against another process preparing
	 * the same directory at the same time; such callers hold a file lock around it.
	 */
	public static Path prepare(Path keycloakDir, Path realm) {
		Path home = home(keycloakDir);
		try {
			if (!Files.isRegularFile(home.resolve("bin/kc.sh"))
					|| !Files.isRegularFile(home.resolve("lib/quarkus-run.jar"))) {
				unpack(BuildInfo.keycloakZip(), keycloakDir, home);
			}
			if (!Files.isRegularFile(realm)) {
				throw new LauncherException("Realm file " + realm + " is missing.");
			}
			Path importDir = home.resolve("data/import");
			Files.createDirectories(importDir);
			Files.copy(realm, importDir.resolve("portal-realm.json"), StandardCopyOption.REPLACE_EXISTING);
			installThemes(realm.resolveSibling("themes"), home.resolve("themes"));
			return home;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot prepare Keycloak in " + home, e);
		}
	}

	private static void unpack(Path zip, Path parent, Path home) throws IOException {
		if (!Files.isRegularFile(zip)) {
			throw new LauncherException("Keycloak distribution " + zip
					+ " is missing; run ./mvnw -pl launcher -am install -DskipTests to download it.");
		}
		Files.createDirectories(parent);
		Path tmp = Files.createTempDirectory(parent, ".unpack-");
		try (ZipFile zf = new ZipFile(zip.toFile())) {
			Enumeration<? extends ZipEntry> en = zf.entries();
			while (en.hasMoreElements()) {
				ZipEntry e = en.nextElement();
				Path target = tmp.resolve(e.getName()).normalize();
				if (!target.startsWith(tmp)) {
					throw new IOException("bad zip entry " + e.getName());
				}
				if (e.isDirectory()) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					try (InputStream in = zf.getInputStream(e)) {
						Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
					}
				}
			}
			Path root;
			try (Stream<Path> s = Files.list(tmp)) {
				root = s.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException("empty zip " + zip));
			}
			try (Stream<Path> s = Files.list(root.resolve("bin"))) {
				s.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
			}
			FileTrees.delete(home);
			Files.move(root, home, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			FileTrees.delete(tmp);
		}
	}

	/**
	 * Copies the repository's themes (the realm's {@code loginTheme}) into Keycloak's
	 * {@code themes/}, replacing an earlier copy, so that a changed stylesheet shows at
	 * the next start.
	 */
	private static void installThemes(Path source, Path target) throws IOException {
		if (!Files.isDirectory(source)) {
			return;
		}
		try (var themes = Files.list(source)) {
			for (Path theme : themes.filter(Files::isDirectory).toList()) {
				Path installed = target.resolve(theme.getFileName().toString());
				FileTrees.delete(installed);
				try (var files = Files.walk(theme)) {
					for (Path file : files.toList()) {
						Path copy = installed.resolve(theme.relativize(file).toString());
						if (Files.isDirectory(file)) {
							Files.createDirectories(copy);
						}
						else {
							Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
						}
					}
				}
			}
		}
	}

	public static List<String> command(SuiteConfig c, Path home) {
		return command(home, c.port(SuiteConfig.Port.KEYCLOAK), c.port(SuiteConfig.Port.KEYCLOAK_MANAGEMENT));
	}

	/**
	 * The {@code kc.sh start-dev} command on these ports, for callers without a
	 * {@link SuiteConfig}; extra options (e.g. {@code --db=dev-mem}) are appended.
	 */
	public static List<String> command(Path home, int port, int managementPort, String... extraOptions) {
		List<String> command = new ArrayList<>(
				List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm", "--http-port=" + port,
						"--http-host=127.0.0.1", "--http-management-port=" + managementPort, "--health-enabled=true",
						// Tokens carry iss=http://localhost:<port>/realms/portal however
						// Keycloak is reached.
						"--hostname=http://localhost:" + port, "--hostname-backchannel-dynamic=true"));
		command.addAll(List.of(extraOptions));
		return List.copyOf(command);
	}

	public static Map<String, String> environment(SuiteConfig c) {
		Map<String, String> env = environment(c.port(SuiteConfig.Port.SMTP));
		// The clients' base URL, which the sign-in page's "Forgot Password?" leads to:
		// the gateway of this run.
		env.put("PORTAL_PUBLIC_URL", c.portalUrl());
		return env;
	}

	/**
	 * The environment of Keycloak when its realm mails to the SMTP server on this
	 * loopback port.
	 */
	public static Map<String, String> environment(int smtpPort) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"); // dev only
		env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"); // dev only
		env.put("JAVA_HOME", JavaRuntime.javaHome().toString());
		env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m");
		// Placeholders in the realm file, resolved by Keycloak when it imports the realm.
		env.put("PORTAL_SMTP_HOST", "127.0.0.1");
		env.put("PORTAL_SMTP_PORT", Integer.toString(smtpPort));
		return env;
	}

}
