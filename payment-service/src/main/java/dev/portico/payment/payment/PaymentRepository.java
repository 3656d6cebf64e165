package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentRepository {

	private static final String COLUMNS = """
			id, account_id, payment_method_id, invoice_id, amount, currency, status, charge_id, failure_code,
			created_at, settled_at""";

	private final JdbcClient jdbc;

	PaymentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Payment payment) {
		this.jdbc.sql("""
				INSERT INTO payment (id, account_id, payment_method_id, invoice_id, amount, currency, status, created_at)
				VALUES (:id, :accountId, :methodId, :invoiceId, :amount, :currency, :status, :createdAt)""")
			.param("id", payment.id())
			.param("accountId", payment.accountId())
			.param("methodId", payment.paymentMethodId())
			.param("invoiceId", payment.invoiceId())
			.param("amount", payment.amount())
			.param("currency", payment.currency().getCurrencyCode())
			.param("status", payment.status().name())
			.param("createdAt", Timestamp.from(payment.createdAt()))
			.update();
	}

	/** Settles a pending payment; false when it was settled already (by the request or by the reconciler). */
	boolean settle(Payment payment) {
		return this.jdbc.sql("""
				UPDATE payment SET status = :status, charge_id = :chargeId, failure_code = :failureCode,
				       settled_at = :settledAt
				WHERE id = :id AND status = 'PENDING'""")
			.param("id", payment.id())
			.param("status", payment.status().name())
			.param("chargeId", payment.chargeId())
			.param("failureCode", payment.failureCode())
			.param("settledAt", Timestamp.from(payment.settledAt()))
			.update() == 1;
	}

	Optional<Payment> find(UUID accountId, UUID paymentId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE id = :id AND account_id = :accountId")
			.param("id", paymentId)
			.param("accountId", accountId)
			.query(PaymentRepository::payment)
			.optional();
	}

	List<Payment> page(UUID accountId, int page, int size) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM payment WHERE account_id = :accountId
				ORDER BY created_at DESC, id DESC LIMIT :size OFFSET :offset""")
			.param("accountId", accountId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(PaymentRepository::payment)
			.list();
	}

	long count(UUID accountId) {
		return this.jdbc.sql("SELECT count(*) FROM payment WHERE account_id = :accountId")
			.param("accountId", accountId)
			.query(Long.class)
			.single();
	}

	/** Pending payments created before {@code before}, locked so that one reconciler handles each. */
	List<Payment> lockPending(Instant before, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM payment WHERE status = 'PENDING' AND created_at < :before
				ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
			.param("before", Timestamp.from(before))
			.param("limit", limit)
			.query(PaymentRepository::payment)
			.list();
	}

	List<Allocation> allocations(UUID paymentId) {
		return this.jdbc.sql("""
				SELECT invoice_id, invoice_number, amount FROM payment_allocation WHERE payment_id = :id
				ORDER BY invoice_number""")
			.param("id", paymentId)
			.query((rs, row) -> new Allocation(rs.getObject("invoice_id", UUID.class), rs.getString("invoice_number"),
					rs.getBigDecimal("amount")))
			.list();
	}

	void addAllocation(UUID paymentId, Allocation allocation) {
		this.jdbc.sql("""
				INSERT INTO payment_allocation (payment_id, invoice_id, invoice_number, amount)
				VALUES (:paymentId, :invoiceId, :number, :amount)
				ON CONFLICT (payment_id, invoice_id) DO UPDATE SET amount = payment_allocation.amount + EXCLUDED.amount""")
			.param("paymentId", paymentId)
			.param("invoiceId", allocation.invoiceId())
			.param("number", allocation.invoiceNumber())
			.param("amount", allocation.amount())
			.update();
	}

	private static Payment payment(ResultSet rs, int row) throws SQLException {
		Timestamp settled = rs.getTimestamp("settled_at");
		return new Payment(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getObject("payment_method_id", UUID.class), rs.getObject("invoice_id", UUID.class),
				rs.getBigDecimal("amount"), Currency.getInstance(rs.getString("currency")),
				PaymentStatus.valueOf(rs.getString("status")), rs.getString("charge_id"), rs.getString("failure_code"),
				rs.getTimestamp("created_at").toInstant(), (settled != null) ? settled.toInstant() : null);
	}

	record Allocation(UUID invoiceId, String invoiceNumber, BigDecimal amount) {
	}

}
