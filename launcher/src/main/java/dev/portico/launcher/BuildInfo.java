package dev.portico.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/** Values Maven wrote into {@code launcher-build.properties} at build time. */
public final class BuildInfo {

	private static final Properties PROPS = load();

	private BuildInfo() {
	}

	private static Properties load() {
		Properties p = new Properties();
		try (InputStream in = BuildInfo.class.getResourceAsStream("/launcher-build.properties")) {
			if (in == null) {
				throw new IllegalStateException("launcher-build.properties missing from the class path");
			}
			p.load(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return p;
	}

	/** Version of the service jars, e.g. {@code 0.1.0-SNAPSHOT}. */
	public static String porticoVersion() {
		return PROPS.getProperty("portico.version");
	}

	public static String keycloakVersion() {
		return PROPS.getProperty("keycloak.version");
	}

	/** The Keycloak distribution zip in the local Maven repository. */
	public static Path keycloakZip() {
		return Path.of(PROPS.getProperty("keycloak.zip"));
	}

}
