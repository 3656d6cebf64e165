package dev.portico.payment.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.portico.payment.config.PaymentsProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The {@code Idempotency-Key} of payment requests, per account. A key is claimed in the
 * transaction that creates its payment, and names that payment: whatever happens after
 * the commit (a crash, a lost answer, the database away), the key is answered from the
 * payment. The answer sent is stored too, and replayed to every later request with the
 * same key and body. The primary key makes the claim atomic, so of concurrent requests
 * with one key exactly one goes ahead.
 */
@Repository
public class IdempotencyKeys {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final PaymentsProperties properties;

	IdempotencyKeys(JdbcClient jdbc, Clock clock, PaymentsProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/** What the key holds, if it was used before. */
	public Optional<Claim> find(UUID accountId, String key) {
		return this.jdbc.sql("""
				SELECT request_hash, response_status, response_body, payment_id, created_at FROM idempotency_key
				WHERE account_id = :accountId AND idempotency_key = :key""")
			.param("accountId", accountId)
			.param("key", key)
			.query((rs, n) -> new Claim(rs.getString("request_hash"), (Integer) rs.getObject("response_status"),
					rs.getString("response_body"), rs.getObject("payment_id", UUID.class),
					rs.getTimestamp("created_at").toInstant()))
			.optional();
	}

	/**
	 * Claims {@code key} for {@code paymentId}, inside the transaction that inserts the
	 * payment; false when another request has it (that request's transaction committed
	 * first, or this one waited for it).
	 */
	public boolean claim(UUID accountId, String key, String requestHash, UUID paymentId) {
		return this.jdbc.sql("""
				INSERT INTO idempotency_key (account_id, idempotency_key, request_hash, payment_id, created_at)
				VALUES (:accountId, :key, :hash, :paymentId, :now) ON CONFLICT DO NOTHING""")
			.param("accountId", accountId)
			.param("key", key)
			.param("hash", requestHash)
			.param("paymentId", paymentId)
			.param("now", Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

	/** Stores the answer that later requests with the key get. */
	public void complete(UUID accountId, String key, StoredResponse response) {
		this.jdbc.sql("""
				UPDATE idempotency_key SET response_status = :status, response_body = :body
				WHERE account_id = :accountId AND idempotency_key = :key""")
			.param("accountId", accountId)
			.param("key", key)
			.param("status", response.status())
			.param("body", response.body())
			.update();
	}

	/**
	 * Gives back a claim made by an earlier version, which claimed keys apart from their
	 * payment: one left without an answer by a crash names no payment, so nothing can
	 * answer it.
	 */
	public void releaseOrphan(UUID accountId, String key) {
		this.jdbc.sql("""
				DELETE FROM idempotency_key WHERE account_id = :accountId AND idempotency_key = :key
				AND response_status IS NULL AND payment_id IS NULL""")
			.param("accountId", accountId)
			.param("key", key)
			.update();
	}

	/**
	 * Keys are kept {@code idempotencyKeyRetention} (at least a day), then forgotten; a
	 * payment outlives its key, and the reconciler settles it whether or not its key is
	 * still there.
	 */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	void forgetOldKeys() {
		Instant cutoff = this.clock.instant().minus(this.properties.idempotencyKeyRetention());
		this.jdbc.sql("DELETE FROM idempotency_key WHERE created_at < :cutoff")
			.param("cutoff", Timestamp.from(cutoff))
			.update();
	}

	/** An answer as it was sent: its status and its JSON body. */
	public record StoredResponse(int status, String body) {
	}

	/**
	 * A used key.
	 *
	 * @param status the answer's status once one was sent, else null
	 * @param paymentId the payment it created; null only for claims of an earlier version
	 */
	public record Claim(String requestHash, Integer status, String body, UUID paymentId, Instant createdAt) {
	}

}
