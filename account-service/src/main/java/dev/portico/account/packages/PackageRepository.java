package dev.portico.account.packages;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.portico.platform.money.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PackageRepository {

	private static final String COLUMNS = "id, account_id, name, status, start_date, recurring_charge, currency";

	private final JdbcClient jdbc;

	PackageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(AccountPackage p, Instant now) {
		this.jdbc.sql("""
				INSERT INTO account_package (id, account_id, name, status, start_date, recurring_charge, currency,
				  created_at)
				VALUES (:id, :accountId, :name, :status, :startDate, :charge, :currency, :now)""")
			.param("id", p.id())
			.param("accountId", p.accountId())
			.param("name", p.name())
			.param("status", p.status().name())
			.param("startDate", Date.valueOf(p.startDate()))
			.param("charge", p.recurringCharge().amount())
			.param("currency", p.recurringCharge().currency().getCurrencyCode())
			.param("now", Timestamp.from(now))
			.update();
	}

	List<AccountPackage> findByAccount(UUID accountId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM account_package WHERE account_id = :accountId ORDER BY start_date, name, id")
			.param("accountId", accountId)
			.query(PackageRepository::accountPackage)
			.list();
	}

	Optional<AccountPackage> find(UUID accountId, UUID packageId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account_package WHERE account_id = :accountId AND id = :id")
			.param("accountId", accountId)
			.param("id", packageId)
			.query(PackageRepository::accountPackage)
			.optional();
	}

	private static AccountPackage accountPackage(ResultSet rs, int row) throws SQLException {
		return new AccountPackage(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("name"), PackageStatus.valueOf(rs.getString("status")),
				rs.getDate("start_date").toLocalDate(),
				new Money(rs.getBigDecimal("recurring_charge"), Currency.getInstance(rs.getString("currency"))));
	}

}
