package dev.portico.usage.account;

import java.util.Optional;
import java.util.UUID;

import dev.portico.usage.period.BillDay;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The accounts usage-service learned of from {@code accounts.v1}. */
@Repository
public class UsageAccounts {

	private final JdbcClient jdbc;

	private final OpeningLocks locks;

	UsageAccounts(JdbcClient jdbc, OpeningLocks locks) {
		this.jdbc = jdbc;
		this.locks = locks;
	}

	/**
	 * An account is opened once: should its opening be seen again, the first one stands.
	 * Records that arrived before it are in the daily totals only; they are added up into
	 * their periods now that the bill day is known.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void remember(UsageAccount account) {
		this.locks.lockForOpening(account.accountId());
		int opened = this.jdbc.sql("""
				INSERT INTO usage_account (account_id, account_number, bill_day) VALUES (:id, :number, :billDay)
				ON CONFLICT (account_id) DO NOTHING""")
			.param("id", account.accountId())
			.param("number", account.accountNumber())
			.param("billDay", account.billDay().value())
			.update();
		if (opened == 1) {
			this.jdbc.sql("""
					INSERT INTO usage_period (account_id, period_start, product, usage_identifier, unit, total)
					SELECT account_id, usage_period_start(day, :billDay), product, usage_identifier, unit, sum(total)
					FROM usage_daily WHERE account_id = :id
					GROUP BY 1, 2, 3, 4, 5""")
				.param("id", account.accountId())
				.param("billDay", account.billDay().value())
				.update();
		}
	}

	public Optional<UsageAccount> find(UUID accountId) {
		return this.jdbc.sql("SELECT account_id, account_number, bill_day FROM usage_account WHERE account_id = :id")
			.param("id", accountId)
			.query((rs, row) -> new UsageAccount(rs.getObject("account_id", UUID.class), rs.getString("account_number"),
					BillDay.of(rs.getInt("bill_day"))))
			.optional();
	}

	/**
	 * The account, or the {@code 404} its usage pages answer while usage-service has not
	 * heard of it.
	 */
	public UsageAccount get(UUID accountId) {
		return find(accountId).orElseThrow(UsageAccountUnknown::new);
	}

}
