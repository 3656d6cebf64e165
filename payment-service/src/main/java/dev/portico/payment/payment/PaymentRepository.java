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

@Repository
class PaymentRepository {

	private static final String COLUMNS = """
			id, account_id, payment_method_id, invoice_id, amount, currency, status, charge_id, failure_code,
			created_at, settled_at, processor_token, failure_message, attempt_until, action_secret""";

	private static final String UNSETTLED = "status IN ('PENDING', 'UNKNOWN', 'ACTION_REQUIRED')";

	/**
	 * Not settled and not waiting for the customer: nobody knows yet what became of it.
	 */
	private static final String UNKNOWN = "(status = 'UNKNOWN' OR (status = 'PENDING' AND attempt_until < :now))";

	private final JdbcClient jdbc;

	PaymentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A new {@code PENDING} payment, which the reconciler takes over once its attempt's
	 * lease has run out.
	 */
	void insert(Payment payment) {
		this.jdbc.sql("""
				INSERT INTO payment (id, account_id, payment_method_id, invoice_id, amount, currency, status, \
				created_at,
				                     processor_token, attempt_until, next_lookup_at)
				VALUES (:id, :accountId, :methodId, :invoiceId, :amount, :currency, :status, :createdAt, :token,
				        :attemptUntil, :attemptUntil)""")
			.param("id", payment.id())
			.param("accountId", payment.accountId())
			.param("methodId", payment.paymentMethodId())
			.param("invoiceId", payment.invoiceId())
			.param("amount", payment.amount())
			.param("currency", payment.currency().getCurrencyCode())
			.param("status", payment.status().name())
			.param("createdAt", Timestamp.from(payment.createdAt()))
			.param("token", payment.processorToken())
			.param("attemptUntil", Timestamp.from(payment.attemptUntil()))
			.update();
	}

	/**
	 * Settles a payment not settled yet; false when it was settled already (by its
	 * request, the reconciler or by hand), so that an outcome is applied once.
	 */
	boolean settle(Payment payment) {
		return this.jdbc.sql("""
				UPDATE payment SET status = :status, charge_id = :chargeId, failure_code = :failureCode,
				       failure_message = :failureMessage, settled_at = :settledAt, next_lookup_at = NULL,
				       action_secret = NULL
				WHERE id = :id AND\s""" + UNSETTLED)
			.param("id", payment.id())
			.param("status", payment.status().name())
			.param("chargeId", payment.chargeId())
			.param("failureCode", payment.failureCode())
			.param("failureMessage", payment.failureMessage())
			.param("settledAt", Timestamp.from(payment.settledAt()))
			.update() == 1;
	}

	/**
	 * The bank wants the customer's confirmation: the payment waits for it, looked up now
	 * and then by the reconciler (in case no notice of the outcome comes), from
	 * {@code lookUpAt}.
	 */
	void markActionRequired(UUID paymentId, String chargeId, String secret, Instant lookUpAt) {
		this.jdbc.sql("""
				UPDATE payment SET status = 'ACTION_REQUIRED', charge_id = :chargeId, action_secret = :secret,
				       next_lookup_at = :at
				WHERE id = :id AND status IN ('PENDING', 'UNKNOWN')""")
			.param("id", paymentId)
			.param("chargeId", chargeId)
			.param("secret", secret)
			.param("at", Timestamp.from(lookUpAt))
			.update();
	}

	/**
	 * The unsettled payment the processor knows by {@code chargeId}, as its notices name
	 * it.
	 */
	Optional<Payment> findUnsettledByCharge(String chargeId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE charge_id = :chargeId AND " + UNSETTLED)
			.param("chargeId", chargeId)
			.query(PaymentRepository::payment)
			.optional();
	}

	/**
	 * The attempt ended without an answer: the reconciler looks the payment up from now
	 * on.
	 */
	void markUnknown(UUID paymentId, Instant now) {
		this.jdbc.sql("""
				UPDATE payment SET status = 'UNKNOWN', next_lookup_at = :now WHERE id = :id AND status = 'PENDING'""")
			.param("id", paymentId)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Takes up to {@code limit} unsettled payments that are due, oldest due first, and
	 * pushes each one's next lookup back ({@code backOff} doubled per lookup so far, at
	 * most {@code maxBackOff}, never less than {@code lease}): that is the reconciler's
	 * lease on them, so no row lock is held while the processor is asked. A
	 * {@code PENDING} one whose attempt's lease ran out (its request crashed) becomes
	 * {@code UNKNOWN}.
	 */
	List<Payment> takeDue(Instant now, int limit, Duration backOff, Duration maxBackOff, Duration lease) {
		return this.jdbc
			.sql("UPDATE payment SET status = CASE WHEN status = 'PENDING' THEN 'UNKNOWN' ELSE status END,"
					+ " lookups = lookups + 1, next_lookup_at ="
					+ " CAST(:now AS timestamptz) + make_interval(secs => GREATEST(CAST(:lease AS float8),"
					+ " LEAST(CAST(:max AS float8), CAST(:backOff AS float8) * power(2, LEAST(lookups, 20)))))"
					+ " WHERE id IN (SELECT id FROM payment WHERE " + UNSETTLED + " AND next_lookup_at <= :now"
					+ " ORDER BY next_lookup_at LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
			.param("now", Timestamp.from(now))
			.param("lease", lease.toMillis() / 1000.0)
			.param("max", maxBackOff.toMillis() / 1000.0)
			.param("backOff", backOff.toMillis() / 1000.0)
			.param("limit", limit)
			.query(PaymentRepository::payment)
			.list();
	}

	/**
	 * Payments whose outcome is not known and that no live request is charging, oldest
	 * first.
	 */
	List<Payment> unknown(Instant now, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM payment WHERE " + UNKNOWN + " ORDER BY created_at LIMIT :limit")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(PaymentRepository::payment)
			.list();
	}

	/** How many payments are unknown, and since when the oldest of them. */
	UnknownPayments countUnknown(Instant now) {
		return this.jdbc.sql("SELECT count(*) AS n, min(created_at) AS oldest FROM payment WHERE " + UNKNOWN)
			.param("now", Timestamp.from(now))
			.query((rs, row) -> {
				Timestamp oldest = rs.getTimestamp("oldest");
				return new UnknownPayments(rs.getLong("n"), (oldest != null) ? oldest.toInstant() : null);
			})
			.single();
	}

	/**
	 * Serialises the open-balance rule per account: the payment that takes this lock sees
	 * every payment committed before it and is seen by every one after it. A transaction
	 * lock, released at commit.
	 */
	void lockAccount(UUID accountId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
			.param("key", accountId.getMostSignificantBits() ^ accountId.getLeastSignificantBits())
			.query((rs, row) -> 1)
			.single();
	}

	/**
	 * What the account's payments in {@code currency} may have taken that
	 * invoice-service's receivable, asked at {@code asked}, did not count yet: payments
	 * not settled, and succeeded ones whose first application had not reached us before
	 * the question was asked.
	 */
	BigDecimal notYetApplied(UUID accountId, Currency currency, Instant asked) {
		return this.jdbc.sql("""
				SELECT COALESCE(sum(amount), 0) FROM payment
				WHERE account_id = :accountId AND currency = :currency AND status <> 'FAILED'
				  AND (applied_at IS NULL OR applied_at >= :asked)""")
			.param("accountId", accountId)
			.param("currency", currency.getCurrencyCode())
			.param("asked", Timestamp.from(asked))
			.query(BigDecimal.class)
			.single();
	}

	/** invoice-service applied the payment (its first {@code PaymentAllocated}). */
	void markApplied(UUID paymentId, Instant at) {
		this.jdbc.sql("UPDATE payment SET applied_at = :at WHERE id = :id AND applied_at IS NULL")
			.param("id", paymentId)
			.param("at", Timestamp.from(at))
			.update();
	}

	Optional<Payment> find(UUID accountId, UUID paymentId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE id = :id AND account_id = :accountId")
			.param("id", paymentId)
			.param("accountId", accountId)
			.query(PaymentRepository::payment)
			.optional();
	}

	/**
	 * The payment, locked until the transaction ends: its refunds add up under this lock.
	 */
	Optional<Payment> lock(UUID paymentId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE id = :id FOR UPDATE")
			.param("id", paymentId)
			.query(PaymentRepository::payment)
			.optional();
	}

	/**
	 * The succeeded payment the processor knows by {@code chargeId}, locked until the
	 * transaction ends.
	 */
	Optional<Payment> lockSucceededByCharge(String chargeId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM payment WHERE charge_id = :chargeId AND status = 'SUCCEEDED'"
					+ " FOR UPDATE")
			.param("chargeId", chargeId)
			.query(PaymentRepository::payment)
			.optional();
	}

	Optional<Payment> find(UUID paymentId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE id = :id")
			.param("id", paymentId)
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
				ON CONFLICT (payment_id, invoice_id) DO UPDATE SET amount = payment_allocation.amount + \
				EXCLUDED.amount""")
			.param("paymentId", paymentId)
			.param("invoiceId", allocation.invoiceId())
			.param("number", allocation.invoiceNumber())
			.param("amount", allocation.amount())
			.update();
	}

	private static Payment payment(ResultSet rs, int row) throws SQLException {
		Timestamp settled = rs.getTimestamp("settled_at");
		Timestamp attemptUntil = rs.getTimestamp("attempt_until");
		return new Payment(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getObject("payment_method_id", UUID.class), rs.getObject("invoice_id", UUID.class),
				rs.getBigDecimal("amount"), Currency.getInstance(rs.getString("currency")),
				PaymentStatus.valueOf(rs.getString("status")), rs.getString("charge_id"), rs.getString("failure_code"),
				rs.getTimestamp("created_at").toInstant(), (settled != null) ? settled.toInstant() : null,
				rs.getString("processor_token"), rs.getString("failure_message"),
				(attemptUntil != null) ? attemptUntil.toInstant() : null, rs.getString("action_secret"));
	}

	record Allocation(UUID invoiceId, String invoiceNumber, BigDecimal amount) {
	}

	/**
	 * @param oldest when the oldest unknown payment was created; null when there is none
	 */
	record UnknownPayments(long count, Instant oldest) {
	}

}
