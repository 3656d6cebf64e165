package dev.portico.account.balance;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

import dev.portico.events.invoice.BalanceChanged;
import dev.portico.events.invoice.InvoiceIssued;
import dev.portico.platform.money.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The balance projection; written by the {@code balances.v1} and {@code invoices.v1}
 * consumer, read by the overview and the stream.
 */
@Repository
class BalanceRepository {

	private final JdbcClient jdbc;

	BalanceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The balance as of {@code today}: due is what the open invoices due by then add up
	 * to, less unapplied credit.
	 */
	Optional<Balance> find(UUID accountId, LocalDate today) {
		return this.jdbc.sql("""
				SELECT b.balance, b.credit, b.currency, b.latest_invoice_id, b.latest_invoice_number,
				       (SELECT coalesce(sum(o.balance), 0) FROM account_open_invoice o
				        WHERE o.account_id = b.account_id AND o.due_date <= :today) AS due_total
				FROM account_balance b WHERE b.account_id = :id""")
			.param("id", accountId)
			.param("today", today)
			.query((rs, row) -> {
				Currency currency = Currency.getInstance(rs.getString("currency"));
				BigDecimal balance = rs.getBigDecimal("balance");
				BigDecimal due = rs.getBigDecimal("due_total").subtract(rs.getBigDecimal("credit"));
				// Credit pays what is due first; what is due is never more than what is
				// owed, nor below zero.
				due = due.min(balance).max(BigDecimal.ZERO);
				UUID invoiceId = rs.getObject("latest_invoice_id", UUID.class);
				return new Balance(accountId, new Money(balance, currency), new Money(due, currency),
						(invoiceId != null)
								? new Balance.LatestInvoice(invoiceId, rs.getString("latest_invoice_number")) : null);
			})
			.optional();
	}

	/**
	 * Applies {@code event}: its totals unless a change with the same or a higher
	 * sequence was applied before, and each changed invoice unless that invoice was
	 * written by a later change. Returns whether anything changed.
	 */
	boolean apply(BalanceChanged event, Instant now) {
		int totals = this.jdbc.sql("""
				INSERT INTO account_balance (account_id, balance, credit, currency, sequence, updated_at)
				VALUES (:id, :balance, :credit, :currency, :sequence, :now)
				ON CONFLICT (account_id) DO UPDATE
				SET balance = EXCLUDED.balance, credit = EXCLUDED.credit, currency = EXCLUDED.currency,
				    sequence = EXCLUDED.sequence, updated_at = EXCLUDED.updated_at
				WHERE account_balance.sequence < EXCLUDED.sequence""")
			.param("id", event.accountId())
			.param("balance", event.balance())
			.param("credit", event.credit())
			.param("currency", event.currency())
			.param("sequence", event.sequence())
			.param("now", Timestamp.from(now))
			.update();
		int invoices = 0;
		for (BalanceChanged.OpenInvoice invoice : event.changedInvoices()) {
			invoices += this.jdbc.sql("""
					INSERT INTO account_open_invoice (invoice_id, account_id, due_date, balance, sequence)
					VALUES (:invoiceId, :accountId, :dueDate, :balance, :sequence)
					ON CONFLICT (invoice_id) DO UPDATE
					SET due_date = EXCLUDED.due_date, balance = EXCLUDED.balance, sequence = EXCLUDED.sequence
					WHERE account_open_invoice.sequence < EXCLUDED.sequence""")
				.param("invoiceId", invoice.invoiceId())
				.param("accountId", event.accountId())
				.param("dueDate", invoice.dueDate())
				.param("balance", invoice.balance())
				.param("sequence", event.sequence())
				.update();
		}
		return totals + invoices > 0;
	}

	/**
	 * Makes {@code event}'s invoice the latest unless a later one (by issue date, then
	 * number) is known.
	 */
	boolean apply(InvoiceIssued event, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO account_balance (account_id, balance, credit, currency, sequence, latest_invoice_id,
				                             latest_invoice_number, latest_invoice_issue_date, updated_at)
				VALUES (:id, 0, 0, :currency, 0, :invoiceId, :number, :issueDate, :now)
				ON CONFLICT (account_id) DO UPDATE
				SET latest_invoice_id = EXCLUDED.latest_invoice_id, latest_invoice_number = \
				EXCLUDED.latest_invoice_number,
				    latest_invoice_issue_date = EXCLUDED.latest_invoice_issue_date, updated_at = EXCLUDED.updated_at
				WHERE account_balance.latest_invoice_issue_date IS NULL
				   OR (EXCLUDED.latest_invoice_issue_date, EXCLUDED.latest_invoice_number)
				      > (account_balance.latest_invoice_issue_date, account_balance.latest_invoice_number)""")
			.param("id", event.accountId())
			.param("currency", event.currency())
			.param("invoiceId", event.invoiceId())
			.param("number", event.number())
			.param("issueDate", event.issueDate())
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

}
