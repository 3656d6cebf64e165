package dev.portico.invoice.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each paying account's running totals. Every change of an account's balance locks its
 * row first, so that changes of one account happen one after the other and their
 * {@code BalanceChanged} events carry increasing sequences.
 */
@Repository
public class AccountLedger {

	private final JdbcClient jdbc;

	AccountLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The account's totals, locked until the transaction ends; created empty in
	 * {@code currency} the first time.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Entry lock(UUID accountId, Currency currency) {
		// One round trip: the conflict's no-op update takes the row lock (as FOR UPDATE
		// would) and returns the row as last committed; every payment's allocation starts
		// here.
		return this.jdbc.sql("""
				INSERT INTO account_ledger (account_id, currency, open_total, credit, sequence)
				VALUES (:id, :currency, 0, 0, 0)
				ON CONFLICT (account_id) DO UPDATE SET account_id = EXCLUDED.account_id
				RETURNING account_id, currency, open_total, credit, sequence""")
			.param("id", accountId)
			.param("currency", currency.getCurrencyCode())
			.query(AccountLedger::entry)
			.single();
	}

	/**
	 * The account's totals as last committed, without a lock; empty before its first
	 * invoice or payment.
	 */
	public Optional<Entry> find(UUID accountId) {
		return this.jdbc
			.sql("SELECT account_id, currency, open_total, credit, sequence FROM account_ledger WHERE account_id = :id")
			.param("id", accountId)
			.query(AccountLedger::entry)
			.optional();
	}

	/**
	 * Moves the totals of a locked account and gives the change the next sequence number.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Entry record(UUID accountId, BigDecimal openTotalChange, BigDecimal creditChange) {
		return this.jdbc.sql("""
				UPDATE account_ledger
				SET open_total = open_total + :open, credit = credit + :credit, sequence = sequence + 1
				WHERE account_id = :id
				RETURNING account_id, currency, open_total, credit, sequence""")
			.param("id", accountId)
			.param("open", openTotalChange)
			.param("credit", creditChange)
			.query(AccountLedger::entry)
			.single();
	}

	private static Entry entry(ResultSet rs, int row) throws SQLException {
		return new Entry(rs.getObject("account_id", UUID.class), Currency.getInstance(rs.getString("currency")),
				rs.getBigDecimal("open_total"), rs.getBigDecimal("credit"), rs.getLong("sequence"));
	}

	/**
	 * @param openTotal what the account's open invoices still ask for
	 * @param credit money received and not applied to any invoice
	 * @param sequence number of the last change
	 */
	public record Entry(UUID accountId, Currency currency, BigDecimal openTotal, BigDecimal credit, long sequence) {

		/** What the account owes: negative when its credit exceeds its open invoices. */
		public BigDecimal balance() {
			return this.openTotal.subtract(this.credit);
		}

	}

}
