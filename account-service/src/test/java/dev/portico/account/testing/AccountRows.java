package dev.portico.account.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import dev.portico.test.TestPostgres;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Account rows written straight to a database, for repository tests and the benchmark,
 * which need many accounts fast. The path is computed from the parent's exactly as
 * account-service's insert computes it.
 */
public final class AccountRows {

	private static final String INSERT = """
			INSERT INTO account (id, name, status, currency, bill_day, contact_name, contact_email, address_line1,
			  address_city, address_country, payments_enabled, payment_methods_enabled, parent_id, invoiced_by_parent,
			  path, created_at, updated_at)
			VALUES (?, ?, 'ACTIVE', 'EUR', 1, 'Test Contact', 'contact@example.com', '1 Main St', 'Berlin', 'DE',
			  TRUE, TRUE, ?, FALSE, COALESCE((SELECT p.path FROM account p WHERE p.id = ?), '{}'::uuid[]) || ?::uuid,
			  ?, ?)""";

	private final JdbcTemplate jdbc;

	public AccountRows(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** A new database on the test PostgreSQL server with account-service's schema. */
	public static String migratedDatabase() {
		String url = TestPostgres.createDatabase();
		Flyway.configure().dataSource(url, "postgres", "postgres").load().migrate();
		return url;
	}

	public UUID insert(String name, UUID parentId) {
		UUID id = UUID.randomUUID();
		insertAll(List.of(new Row(id, name, parentId)));
		countDescendants();
		return id;
	}

	/**
	 * Inserts in batches, a parent before its children; call {@link #countDescendants()}
	 * when all are in.
	 */
	public void insertAll(List<Row> rows) {
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.batchUpdate(INSERT, rows, 1000, (statement, row) -> {
			statement.setObject(1, row.id());
			statement.setString(2, row.name());
			statement.setObject(3, row.parentId());
			statement.setObject(4, row.parentId());
			statement.setObject(5, row.id());
			statement.setTimestamp(6, now);
			statement.setTimestamp(7, now);
		});
	}

	/**
	 * Counted once for all rows, where account-service's insert keeps the counts one
	 * account at a time.
	 */
	public void countDescendants() {
		this.jdbc.update("""
				UPDATE account a SET descendants = below.n
				FROM (SELECT unnest(path[1:cardinality(path) - 1]) AS id, count(*) AS n FROM account GROUP BY 1) below
				WHERE a.id = below.id AND a.descendants <> below.n""");
	}

	public String accountNumber(UUID id) {
		return this.jdbc.queryForObject("SELECT account_number FROM account WHERE id = ?", String.class, id);
	}

	public record Row(UUID id, String name, UUID parentId) {
	}

}
