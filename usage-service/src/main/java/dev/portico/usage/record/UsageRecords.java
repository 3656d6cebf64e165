package dev.portico.usage.record;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.portico.usage.account.OpeningLocks;
import dev.portico.usage.period.BillingPeriods;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes usage records with their daily and period totals. One statement per batch,
 * whatever its size: the records go in as arrays, the raw rows are inserted with
 * {@code ON CONFLICT DO NOTHING}, and only the rows that were actually inserted
 * ({@code RETURNING}) are added to {@code usage_daily} and {@code usage_period}, so a
 * record id seen before adds nothing. The raw rows and the totals commit together or not
 * at all. Records of an account usage-service has not heard of yet reach their periods
 * when it opens ({@link OpeningLocks}).
 */
@Repository
public class UsageRecords {

	/**
	 * Rows are fed in key order, both to the raw insert and to the upsert, so that two
	 * batches touching the same rows lock them in the same order and never deadlock.
	 */
	private static final String INSERT = """
			WITH incoming AS (
			  SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]),
			                       CAST(? AS numeric[]), CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS date[]))
			    AS r (record_id, account_id, product, usage_identifier, quantity, unit, occurred_at, day)
			), inserted AS (
			  INSERT INTO usage_record (record_id, account_id, product, usage_identifier, quantity, unit, occurred_at,
			                            received_at)
			  SELECT record_id, account_id, product, usage_identifier, quantity, unit, occurred_at, ?
			  FROM incoming ORDER BY record_id
			  ON CONFLICT (record_id) DO NOTHING
			  RETURNING record_id
			), rolled_up AS (
			  INSERT INTO usage_daily (account_id, day, product, usage_identifier, unit, total)
			  SELECT i.account_id, i.day, i.product, i.usage_identifier, i.unit, sum(i.quantity)
			  FROM incoming i JOIN inserted USING (record_id)
			  GROUP BY i.account_id, i.day, i.product, i.usage_identifier, i.unit
			  ORDER BY i.account_id, i.day, i.product, i.usage_identifier, i.unit
			  ON CONFLICT (account_id, day, product, usage_identifier, unit)
			  DO UPDATE SET total = usage_daily.total + EXCLUDED.total
			), periods AS (
			  INSERT INTO usage_period (account_id, period_start, product, usage_identifier, unit, total)
			  SELECT i.account_id, usage_period_start(i.day, a.bill_day), i.product, i.usage_identifier, i.unit,
			         sum(i.quantity)
			  FROM incoming i JOIN inserted USING (record_id) JOIN usage_account a USING (account_id)
			  GROUP BY 1, 2, 3, 4, 5
			  ORDER BY 1, 2, 3, 4, 5
			  ON CONFLICT (account_id, period_start, product, usage_identifier, unit)
			  DO UPDATE SET total = usage_period.total + EXCLUDED.total
			)
			SELECT count(*) FROM inserted""";

	private final JdbcTemplate jdbc;

	private final BillingPeriods periods;

	private final OpeningLocks locks;

	UsageRecords(JdbcTemplate jdbc, BillingPeriods periods, OpeningLocks locks) {
		this.jdbc = jdbc;
		this.periods = periods;
		this.locks = locks;
	}

	/**
	 * Stores the records not seen before and adds them to their days' totals; returns how
	 * many were new. Of records sharing an id within {@code records}, the first counts.
	 */
	@Transactional
	public int insert(Collection<UsageRecord> records, Instant receivedAt) {
		Map<UUID, UsageRecord> unique = new LinkedHashMap<>();
		records.forEach((record) -> unique.putIfAbsent(record.recordId(), record));
		if (unique.isEmpty()) {
			return 0;
		}
		List<UsageRecord> batch = unique.values().stream().sorted(Comparator.comparing(UsageRecord::recordId)).toList();
		this.locks.lockUnknown(batch.stream().map(UsageRecord::accountId).distinct().toList());
		Integer inserted = this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
				statement.setArray(1, texts(connection, batch, (r) -> r.recordId().toString()));
				statement.setArray(2, texts(connection, batch, (r) -> r.accountId().toString()));
				statement.setArray(3, texts(connection, batch, UsageRecord::product));
				statement.setArray(4, texts(connection, batch, UsageRecord::usageIdentifier));
				statement.setArray(5, texts(connection, batch, (r) -> r.quantity().toPlainString()));
				statement.setArray(6, texts(connection, batch, (r) -> r.unit().symbol()));
				statement.setArray(7, texts(connection, batch, (r) -> r.occurredAt().toString()));
				statement.setArray(8, texts(connection, batch, (r) -> this.periods.dayOf(r.occurredAt()).toString()));
				statement.setObject(9, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					return result.getInt(1);
				}
			}
		});
		return (inserted != null) ? inserted : 0;
	}

	/**
	 * One column of the batch as a text array; PostgreSQL casts it to the column's type.
	 */
	private static Array texts(Connection connection, List<UsageRecord> batch, Function<UsageRecord, String> column)
			throws SQLException {
		return connection.createArrayOf("text", batch.stream().map(column).toArray(String[]::new));
	}

}
