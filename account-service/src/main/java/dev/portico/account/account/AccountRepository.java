package dev.portico.account.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code account} table: what an account is and where it sits (its path is written
 * here, once).
 */
@Repository
public class AccountRepository {

	private static final String COLUMNS = """
			id, account_number, name, status, currency, bill_day, contact_name, contact_email, contact_phone,
			address_line1, address_line2, address_city, address_region, address_postal_code, address_country,
			payments_enabled, payment_methods_enabled, parent_id, invoiced_by_parent, path, created_at, updated_at""";

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Account> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = :id")
			.param("id", id)
			.query(AccountRepository::account)
			.optional();
	}

	/**
	 * Locks the row until the transaction ends, so that concurrent profile patches apply
	 * one after the other.
	 */
	Optional<Account> findForUpdate(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(AccountRepository::account)
			.optional();
	}

	/**
	 * Inserts a new account below {@code parentId} (or as a root) and returns it with its
	 * number and path. The path is the parent's path plus the new id, computed in the
	 * same statement so that it can never disagree with the parent's.
	 */
	Account insert(NewAccount account, Instant now) {
		UUID id = this.jdbc.sql("""
				INSERT INTO account (id, name, status, currency, bill_day, contact_name, contact_email, \
				contact_phone,
				  address_line1, address_line2, address_city, address_region, address_postal_code, address_country,
				  payments_enabled, payment_methods_enabled, parent_id, invoiced_by_parent, path, created_at, \
				  updated_at)
				VALUES (:id, :name, :status, :currency, :billDay, :contactName, :contactEmail, :contactPhone,
				  :line1, :line2, :city, :region, :postalCode, :country, :payments, :paymentMethods, :parentId,
				  :invoicedByParent,
				  COALESCE((SELECT p.path FROM account p WHERE p.id = :parentId), '{}'::uuid[]) || :id::uuid,
				  :now, :now)
				RETURNING id""")
			.param("id", account.id())
			.param("name", account.name())
			.param("status", AccountStatus.ACTIVE.name())
			.param("currency", account.currency().getCurrencyCode())
			.param("billDay", account.billDay())
			.param("contactName", account.contact().name())
			.param("contactEmail", account.contact().email())
			.param("contactPhone", account.contact().phone())
			.param("line1", account.billingAddress().line1())
			.param("line2", account.billingAddress().line2())
			.param("city", account.billingAddress().city())
			.param("region", account.billingAddress().region())
			.param("postalCode", account.billingAddress().postalCode())
			.param("country", account.billingAddress().country())
			.param("payments", account.features().payments())
			.param("paymentMethods", account.features().paymentMethods())
			.param("parentId", account.parentId(), java.sql.Types.OTHER)
			.param("invoicedByParent", account.invoicedByParent())
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.single();
		if (account.parentId() != null) {
			this.jdbc
				.sql("UPDATE account SET descendants = descendants + 1"
						+ " WHERE id = ANY ((SELECT path FROM account WHERE id = :parentId)::uuid[])")
				.param("parentId", account.parentId())
				.update();
		}
		return find(id).orElseThrow();
	}

	void updateContactDetails(UUID id, Contact contact, BillingAddress address, Instant now) {
		this.jdbc.sql("""
				UPDATE account SET contact_name = :contactName, contact_email = :contactEmail,
				  contact_phone = :contactPhone, address_line1 = :line1, address_line2 = :line2, address_city = :city,
				  address_region = :region, address_postal_code = :postalCode, address_country = :country,
				  updated_at = :now
				WHERE id = :id""")
			.param("id", id)
			.param("contactName", contact.name())
			.param("contactEmail", contact.email())
			.param("contactPhone", contact.phone())
			.param("line1", address.line1())
			.param("line2", address.line2())
			.param("city", address.city())
			.param("region", address.region())
			.param("postalCode", address.postalCode())
			.param("country", address.country())
			.param("now", Timestamp.from(now))
			.update();
	}

	static Account account(ResultSet rs, int row) throws SQLException {
		return new Account(rs.getObject("id", UUID.class), rs.getString("account_number"), rs.getString("name"),
				AccountStatus.valueOf(rs.getString("status")), Currency.getInstance(rs.getString("currency")),
				rs.getInt("bill_day"),
				new Contact(rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("contact_phone")),
				new BillingAddress(rs.getString("address_line1"), rs.getString("address_line2"),
						rs.getString("address_city"), rs.getString("address_region"),
						rs.getString("address_postal_code"), rs.getString("address_country")),
				new Features(rs.getBoolean("payments_enabled"), rs.getBoolean("payment_methods_enabled")),
				rs.getObject("parent_id", UUID.class), rs.getBoolean("invoiced_by_parent"), uuids(rs.getArray("path")),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	public static List<UUID> uuids(Array array) throws SQLException {
		return Arrays.asList((UUID[]) array.getArray());
	}

	/**
	 * What a new account is made of; the number, path and timestamps come from the
	 * database.
	 */
	record NewAccount(UUID id, String name, Currency currency, int billDay, Contact contact,
			BillingAddress billingAddress, Features features, UUID parentId, boolean invoicedByParent) {
	}

}
