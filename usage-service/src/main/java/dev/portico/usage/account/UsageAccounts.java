package dev.portico.usage.account;

import java.util.Optional;
import java.util.UUID;

import dev.portico.usage.period.BillDay;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The accounts usage-service learned of from {@code accounts.v1}. */
@Repository
public class UsageAccounts {

	private final JdbcClient jdbc;

	UsageAccounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An account is opened once: should its opening be seen again, the first one stands. */
	void remember(UsageAccount account) {
		this.jdbc.sql("""
				INSERT INTO usage_account (account_id, account_number, bill_day) VALUES (:id, :number, :billDay)
				ON CONFLICT (account_id) DO NOTHING""")
			.param("id", account.accountId())
			.param("number", account.accountNumber())
			.param("billDay", account.billDay().value())
			.update();
	}

	public Optional<UsageAccount> find(UUID accountId) {
		return this.jdbc.sql("SELECT account_id, account_number, bill_day FROM usage_account WHERE account_id = :id")
			.param("id", accountId)
			.query((rs, row) -> new UsageAccount(rs.getObject("account_id", UUID.class), rs.getString("account_number"),
					BillDay.of(rs.getInt("bill_day"))))
			.optional();
	}

	/** The account, or the {@code 404} its usage pages answer while usage-service has not heard of it. */
	public UsageAccount get(UUID accountId) {
		return find(accountId).orElseThrow(UsageAccountUnknown::new);
	}

}
