package dev.portico.account.balance;

import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

import dev.portico.platform.money.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The balance projection; written by the {@code balances.v1} consumer, read by the overview and the stream. */
@Repository
class BalanceRepository {

	private final JdbcClient jdbc;

	BalanceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Balance> find(UUID accountId) {
		return this.jdbc.sql("""
				SELECT balance, due, currency, latest_invoice_id, latest_invoice_number
				FROM account_balance WHERE account_id = :id""")
			.param("id", accountId)
			.query((rs, row) -> {
				Currency currency = Currency.getInstance(rs.getString("currency"));
				UUID invoiceId = rs.getObject("latest_invoice_id", UUID.class);
				return new Balance(accountId, new Money(rs.getBigDecimal("balance"), currency),
						new Money(rs.getBigDecimal("due"), currency),
						(invoiceId != null) ? new Balance.LatestInvoice(invoiceId, rs.getString("latest_invoice_number"))
								: null);
			})
			.optional();
	}

}
