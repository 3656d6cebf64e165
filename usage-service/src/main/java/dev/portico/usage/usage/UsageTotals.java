package dev.portico.usage.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.portico.usage.period.BillingPeriod;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the period and daily totals, never the raw records: a page is the period's rows
 * on the primary key's {@code (account_id, period_start)} prefix, a trend a range of days
 * on {@code (account_id, day)}. Text is ordered by code point ({@code COLLATE "C"}), the
 * same on every database whatever its locale.
 */
@Repository
class UsageTotals {

	private final JdbcClient jdbc;

	UsageTotals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The first day the account used anything, if it ever did. */
	Optional<LocalDate> firstDay(UUID accountId) {
		return this.jdbc.sql("SELECT day FROM usage_daily WHERE account_id = :accountId ORDER BY day LIMIT 1")
			.param("accountId", accountId)
			.query(LocalDate.class)
			.optional();
	}

	/**
	 * The period's totals per product, identifier and unit: one row each, read in primary
	 * key order (its text columns collate by code point).
	 */
	List<UsagePage.Item> items(UUID accountId, BillingPeriod period) {
		return this.jdbc.sql("""
				SELECT product, usage_identifier, unit, total FROM usage_period
				WHERE account_id = :accountId AND period_start = :start
				ORDER BY product, usage_identifier, unit""")
			.param("accountId", accountId)
			.param("start", period.start())
			.query((rs, row) -> new UsagePage.Item(rs.getString("product"), rs.getString("usage_identifier"),
					plain(rs.getBigDecimal("total")), rs.getString("unit")))
			.list();
	}

	/**
	 * The period's totals per day, product and unit (all identifiers together), for a
	 * trend chart.
	 */
	List<DailyUsage.Day> days(UUID accountId, BillingPeriod period) {
		return this.jdbc.sql("""
				SELECT day, product, unit, sum(total) AS total FROM usage_daily
				WHERE account_id = :accountId AND day >= :start AND day < :next
				GROUP BY day, product, unit
				ORDER BY day, product COLLATE "C", unit COLLATE "C\"""")
			.param("accountId", accountId)
			.param("start", period.start())
			.param("next", period.nextStart())
			.query((rs, row) -> new DailyUsage.Day(rs.getObject("day", LocalDate.class), rs.getString("product"),
					rs.getString("unit"), plain(rs.getBigDecimal("total"))))
			.list();
	}

	/**
	 * {@code 2.500000} as {@code 2.5} and {@code 100.000000} as {@code 100}, never
	 * {@code 1E+2}.
	 */
	private static BigDecimal plain(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

}
