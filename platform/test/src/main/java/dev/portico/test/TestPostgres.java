package dev.portico.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per test JVM, started on first use on a free loopback port,
 * stopped at exit.
 */
public final class TestPostgres {

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static EmbeddedPostgres server;

	private TestPostgres() {
	}

	public static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder()
					.setServerConfig("listen_addresses", "127.0.0.1")
					.setServerConfig("max_connections", "300")
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL server", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop, "test-postgres-stop"));
		}
		return server;
	}

	/**
	 * Creates an empty database and returns its JDBC URL; user and password are
	 * {@code postgres}. With {@code -Pdocker} the server is a PostgreSQL container
	 * instead.
	 */
	public static String createDatabase() {
		String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
		// URL of the server's own "postgres" database, user, password: the container's or
		// the embedded server's.
		String[] admin = DockerServers.enabled() ? (String[]) DockerServers.call("postgres")
				: new String[] { server().getJdbcUrl("postgres", "postgres"), "postgres", "postgres" };
		try (Connection connection = DriverManager.getConnection(admin[0], admin[1], admin[2]);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name, ex);
		}
		return admin[0].replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
	}

	private static synchronized void stop() {
		try {
			if (server != null) {
				server.close();
			}
		}
		catch (IOException ex) {
			// The JVM is exiting; the next start of a server in this directory cleans up
			// after it.
		}
	}

}
