package dev.portico.launcher.process;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The JDK running the launcher and its class path, to start child JVMs the same way. */
public final class JavaRuntime {

	private JavaRuntime() {
	}

	public static Path javaHome() {
		return Path.of(System.getProperty("java.home"));
	}

	public static String javaExecutable() {
		return javaHome().resolve("bin").resolve("java").toString();
	}

	/**
	 * The class path of this JVM with manifest-only jars (Surefire's booter jar)
	 * expanded, so a child JVM can use it after the parent is gone.
	 */
	public static String classPath() {
		Set<String> entries = new LinkedHashSet<>();
		for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			if (e.isBlank()) {
				continue;
			}
			Path p = Path.of(e).toAbsolutePath();
			List<String> expanded = manifestClassPath(p);
			if (expanded.isEmpty()) {
				entries.add(p.toString());
			}
			else {
				entries.addAll(expanded);
			}
		}
		return String.join(java.io.File.pathSeparator, entries);
	}

	private static List<String> manifestClassPath(Path jar) {
		if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
			return List.of();
		}
		try (JarFile jf = new JarFile(jar.toFile())) {
			Manifest m = jf.getManifest();
			String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
			// Only manifest-only jars (no classes of their own) are replaced by their
			// Class-Path.
			if (cp == null || jf.stream().anyMatch(en -> en.getName().endsWith(".class"))) {
				return List.of();
			}
			List<String> out = new ArrayList<>();
			URI base = jar.getParent().toUri();
			for (String part : cp.trim().split("\\s+")) {
				URI u = base.resolve(part);
				out.add(Path.of(u).toString());
			}
			return out;
		}
		catch (IOException | RuntimeException e) {
			return List.of();
		}
	}

}
