package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code refund} table. */
@Repository
class RefundRepository {

	private static final String COLUMNS = """
			id, payment_id, account_id, amount, currency, status, reason, origin, processor_refund_id, failure_code,
			failure_message, created_at, settled_at""";

	private final JdbcClient jdbc;

	RefundRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Refund> byKey(UUID paymentId, String key) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM refund WHERE payment_id = :paymentId AND idempotency_key = :key")
			.param("paymentId", paymentId)
			.param("key", key)
			.query(RefundRepository::refund)
			.optional();
	}

	Optional<Refund> find(UUID refundId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM refund WHERE id = :id")
			.param("id", refundId)
			.query(RefundRepository::refund)
			.optional();
	}

	boolean knowsProcessorRefund(String processorRefundId) {
		return this.jdbc.sql("SELECT count(*) FROM refund WHERE processor_refund_id = :id")
			.param("id", processorRefundId)
			.query(Integer.class)
			.single() > 0;
	}

	List<Refund> ofPayment(UUID paymentId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM refund WHERE payment_id = :paymentId ORDER BY created_at, id")
			.param("paymentId", paymentId)
			.query(RefundRepository::refund)
			.list();
	}

	/** What the payment's refunds may have given back: every refund that did not fail. */
	BigDecimal notFailed(UUID paymentId) {
		return this.jdbc
			.sql("SELECT COALESCE(sum(amount), 0) FROM refund WHERE payment_id = :paymentId AND status <> 'FAILED'")
			.param("paymentId", paymentId)
			.query(BigDecimal.class)
			.single();
	}

	void insert(Refund refund, String key, Instant nextAttemptAt) {
		this.jdbc.sql("""
				INSERT INTO refund (id, payment_id, account_id, amount, currency, status, reason, origin,
				                    idempotency_key, processor_refund_id, created_at, settled_at, next_attempt_at)
				VALUES (:id, :paymentId, :accountId, :amount, :currency, :status, :reason, :origin, :key,
				        :processorRefundId, :createdAt, :settledAt, :next)""")
			.param("id", refund.id())
			.param("paymentId", refund.paymentId())
			.param("accountId", refund.accountId())
			.param("amount", refund.amount())
			.param("currency", refund.currency().getCurrencyCode())
			.param("status", refund.status().name())
			.param("reason", refund.reason())
			.param("origin", refund.origin())
			.param("key", key)
			.param("processorRefundId", refund.processorRefundId())
			.param("createdAt", Timestamp.from(refund.createdAt()))
			.param("settledAt", (refund.settledAt() != null) ? Timestamp.from(refund.settledAt()) : null)
			.param("next", (nextAttemptAt != null) ? Timestamp.from(nextAttemptAt) : null)
			.update();
	}

	/**
	 * Settles a refund not settled yet; false when it was settled already, so that an
	 * outcome counts once.
	 */
	boolean settle(UUID refundId, Refund.RefundStatus status, String processorRefundId, String code, String message,
			Instant at) {
		return this.jdbc.sql("""
				UPDATE refund SET status = :status, processor_refund_id = :processorRefundId, failure_code = :code,
				       failure_message = :message, settled_at = :at, next_attempt_at = NULL
				WHERE id = :id AND status IN ('PENDING', 'UNKNOWN')""")
			.param("id", refundId)
			.param("status", status.name())
			.param("processorRefundId", processorRefundId)
			.param("code", code)
			.param("message", (message != null && message.length() > 200) ? message.substring(0, 200) : message)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	void markUnknown(UUID refundId, Instant now) {
		this.jdbc
			.sql("UPDATE refund SET status = 'UNKNOWN', next_attempt_at = :now WHERE id = :id AND status = 'PENDING'")
			.param("id", refundId)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Takes due unsettled refunds, pushing each one's next attempt back (doubling, at
	 * most {@code max}).
	 */
	List<Refund> takeDue(Instant now, int limit, Duration backOff, Duration max) {
		return this.jdbc
			.sql("UPDATE refund SET status = 'UNKNOWN', attempts = attempts + 1, next_attempt_at ="
					+ " CAST(:now AS timestamptz) + make_interval(secs => LEAST(CAST(:max AS float8),"
					+ " CAST(:backOff AS float8) * power(2, LEAST(attempts, 20))))"
					+ " WHERE id IN (SELECT id FROM refund WHERE status IN ('PENDING', 'UNKNOWN') AND "
					+ "next_attempt_at <= :now"
					+ " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
			.param("now", Timestamp.from(now))
			.param("max", max.toMillis() / 1000.0)
			.param("backOff", backOff.toMillis() / 1000.0)
			.param("limit", limit)
			.query(RefundRepository::refund)
			.list();
	}

	private static Refund refund(ResultSet rs, int row) throws SQLException {
		Timestamp settled = rs.getTimestamp("settled_at");
		return new Refund(rs.getObject("id", UUID.class), rs.getObject("payment_id", UUID.class),
				rs.getObject("account_id", UUID.class), rs.getBigDecimal("amount"),
				Currency.getInstance(rs.getString("currency")), Refund.RefundStatus.valueOf(rs.getString("status")),
				rs.getString("reason"), rs.getString("origin"), rs.getString("processor_refund_id"),
				rs.getString("failure_code"), rs.getString("failure_message"),
				rs.getTimestamp("created_at").toInstant(), (settled != null) ? settled.toInstant() : null);
	}

}
