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
 * The {@code Idempotency-Key} of payment requests, per account. The first request with a key claims it (a row with
 * the request's hash and no answer yet); its answer is stored when it has one, and replayed to every later request
 * with the same key and body. The primary key makes the claim atomic, so of concurrent requests with one key exactly
 * one goes ahead.
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

	/**
	 * Claims {@code key} for a request whose body hashes to {@code requestHash}; empty when it is now ours, else the
	 * stored answer to replay.
	 *
	 * @throws IdempotencyKeyReused when the key was used with another body
	 * @throws IdempotentRequestInFlight when the first request with the key has no answer yet
	 */
	public Optional<StoredResponse> claim(UUID accountId, String key, String requestHash) {
		int claimed = this.jdbc.sql("""
				INSERT INTO idempotency_key (account_id, idempotency_key, request_hash, created_at)
				VALUES (:accountId, :key, :hash, :now) ON CONFLICT DO NOTHING""")
			.param("accountId", accountId)
			.param("key", key)
			.param("hash", requestHash)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		if (claimed == 1) {
			return Optional.empty();
		}
		Row row = this.jdbc.sql("""
				SELECT request_hash, response_status, response_body FROM idempotency_key
				WHERE account_id = :accountId AND idempotency_key = :key""")
			.param("accountId", accountId)
			.param("key", key)
			.query((rs, n) -> new Row(rs.getString("request_hash"), (Integer) rs.getObject("response_status"),
					rs.getString("response_body")))
			.optional()
			// Released between our insert and this read: the caller's retry will claim it.
			.orElseThrow(IdempotentRequestInFlight::new);
		if (!row.requestHash().equals(requestHash)) {
			throw new IdempotencyKeyReused();
		}
		if (row.status() == null) {
			throw new IdempotentRequestInFlight();
		}
		return Optional.of(new StoredResponse(row.status(), row.body()));
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

	/** Gives the key back: the request ended before anything was charged, so a retry may use it afresh. */
	public void release(UUID accountId, String key) {
		this.jdbc.sql("""
				DELETE FROM idempotency_key
				WHERE account_id = :accountId AND idempotency_key = :key AND response_status IS NULL""")
			.param("accountId", accountId)
			.param("key", key)
			.update();
	}

	/** Answered keys are kept {@code idempotencyKeyRetention} (at least a day), then forgotten. */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	void forgetOldKeys() {
		Instant cutoff = this.clock.instant().minus(this.properties.idempotencyKeyRetention());
		this.jdbc.sql("DELETE FROM idempotency_key WHERE created_at < :cutoff AND response_status IS NOT NULL")
			.param("cutoff", Timestamp.from(cutoff))
			.update();
	}

	/** An answer as it was sent: its status and its JSON body. */
	public record StoredResponse(int status, String body) {
	}

	private record Row(String requestHash, Integer status, String body) {
	}

}
