package dev.portico.payment.method;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.portico.payment.payment.CardTokens;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code payment_method} table. Also answers payments' question for the token of a
 * saved card.
 */
@Repository
class PaymentMethodRepository implements CardTokens {

	private static final String COLUMNS = """
			id, account_id, processor_token, brand, last4, exp_month, exp_year, holder_name, is_default, created_at""";

	/**
	 * The default first, then the newest; the id keeps the order stable for equal
	 * instants.
	 */
	private static final String ORDER = " ORDER BY is_default DESC, created_at DESC, id";

	private final JdbcClient jdbc;

	PaymentMethodRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serialises changes to one account's payment methods until the transaction ends, so
	 * that the first card becomes the default, the default moves and the limit holds
	 * under concurrent requests too.
	 */
	void lockAccount(UUID accountId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('payment_method'), hashtext(CAST(:accountId AS text)))")
			.param("accountId", accountId)
			.query((rs, row) -> Boolean.TRUE)
			.single();
	}

	List<PaymentMethod> list(UUID accountId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment_method WHERE account_id = :accountId" + ORDER)
			.param("accountId", accountId)
			.query(this::method)
			.list();
	}

	Optional<PaymentMethod> find(UUID accountId, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment_method WHERE id = :id AND account_id = :accountId")
			.param("id", id)
			.param("accountId", accountId)
			.query(this::method)
			.optional();
	}

	boolean hasToken(UUID accountId, String token) {
		return this.jdbc
			.sql("SELECT count(*) FROM payment_method WHERE account_id = :accountId AND processor_token = :token")
			.param("accountId", accountId)
			.param("token", token)
			.query(Integer.class)
			.single() > 0;
	}

	int count(UUID accountId) {
		return this.jdbc.sql("SELECT count(*) FROM payment_method WHERE account_id = :accountId")
			.param("accountId", accountId)
			.query(Integer.class)
			.single();
	}

	void insert(PaymentMethod method) {
		this.jdbc.sql("""
				INSERT INTO payment_method (id, account_id, processor_token, brand, last4, exp_month, exp_year,
				                            holder_name, is_default, created_at)
				VALUES (:id, :accountId, :token, :brand, :last4, :expMonth, :expYear, :holderName, :isDefault,
				        :createdAt)""")
			.param("id", method.id())
			.param("accountId", method.accountId())
			.param("token", method.processorToken())
			.param("brand", method.brand())
			.param("last4", method.last4())
			.param("expMonth", method.expMonth())
			.param("expYear", method.expYear())
			.param("holderName", method.holderName())
			.param("isDefault", method.isDefault())
			.param("createdAt", Timestamp.from(method.createdAt()))
			.update();
	}

	/**
	 * Takes the default away from whichever card has it; the partial unique index allows
	 * one per account.
	 */
	void clearDefault(UUID accountId) {
		this.jdbc.sql("UPDATE payment_method SET is_default = FALSE WHERE account_id = :accountId AND is_default")
			.param("accountId", accountId)
			.update();
	}

	void makeDefault(UUID accountId, UUID id) {
		clearDefault(accountId);
		this.jdbc.sql("UPDATE payment_method SET is_default = TRUE WHERE id = :id AND account_id = :accountId")
			.param("id", id)
			.param("accountId", accountId)
			.update();
	}

	/** Makes the newest card the default; nothing when the account has none left. */
	void makeNewestDefault(UUID accountId) {
		this.jdbc.sql("""
				UPDATE payment_method SET is_default = TRUE
				WHERE id = (SELECT id FROM payment_method WHERE account_id = :accountId
				            ORDER BY created_at DESC, id LIMIT 1)""").param("accountId", accountId).update();
	}

	void updateExpiry(UUID accountId, UUID id, int expMonth, int expYear) {
		this.jdbc.sql("""
				UPDATE payment_method SET exp_month = :expMonth, exp_year = :expYear
				WHERE id = :id AND account_id = :accountId""")
			.param("expMonth", expMonth)
			.param("expYear", expYear)
			.param("id", id)
			.param("accountId", accountId)
			.update();
	}

	void delete(UUID accountId, UUID id) {
		this.jdbc.sql("DELETE FROM payment_method WHERE id = :id AND account_id = :accountId")
			.param("id", id)
			.param("accountId", accountId)
			.update();
	}

	@Override
	public Optional<String> tokenOf(UUID accountId, UUID paymentMethodId) {
		return this.jdbc.sql("SELECT processor_token FROM payment_method WHERE id = :id AND account_id = :accountId")
			.param("id", paymentMethodId)
			.param("accountId", accountId)
			.query(String.class)
			.optional();
	}

	private PaymentMethod method(ResultSet rs, int row) throws SQLException {
		return new PaymentMethod(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("processor_token"), rs.getString("brand"), rs.getString("last4"), rs.getInt("exp_month"),
				rs.getInt("exp_year"), rs.getString("holder_name"), rs.getBoolean("is_default"),
				rs.getTimestamp("created_at").toInstant());
	}

}
