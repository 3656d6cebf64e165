package dev.portico.test;

import java.lang.reflect.InvocationTargetException;

/**
 * Reaches {@code dev.portico.test.docker.ContainerServers}, which exists only when the
 * build runs with {@code -Pdocker}; called only when {@code portico.test.docker} is
 * {@code true}.
 */
final class DockerServers {

	private static final String CONTAINERS = "dev.portico.test.docker.ContainerServers";

	private DockerServers() {
	}

	static boolean enabled() {
		return Boolean.getBoolean("portico.test.docker");
	}

	static Object call(String method) {
		try {
			return Class.forName(CONTAINERS).getMethod(method).invoke(null);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("portico.test.docker is set but the build did not use -Pdocker", ex);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException("Could not start the " + method + " container", ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
