package dev.portico.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reset tokens: 256 random bits handed to the user once, kept here only as their SHA-256
 * hash, valid until they expire or are spent.
 */
@Repository
class ResetTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * Spent and expired tokens are kept this long after expiry, for support questions,
	 * then deleted.
	 */
	private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	ResetTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Stores a new token for the user and returns it; the caller mails it and forgets it.
	 */
	String issue(String userId, Purpose purpose, Duration ttl) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		this.jdbc.sql("DELETE FROM password_reset_token WHERE expires_at < :cutoff")
			.param("cutoff", Timestamp.from(now.minus(KEEP_AFTER_EXPIRY)))
			.update();
		this.jdbc.sql("""
				INSERT INTO password_reset_token (token_hash, user_id, purpose, created_at, expires_at)
				VALUES (:hash, :userId, :purpose, :now, :expiresAt)""")
			.param("hash", hash(token))
			.param("userId", userId)
			.param("purpose", purpose.name())
			.param("now", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(now.plus(ttl)))
			.update();
		return token;
	}

	/**
	 * The user of a valid (unspent, unexpired) token, with its row locked until the
	 * transaction ends, so that two resets with the same token cannot both pass. Must run
	 * inside a transaction.
	 */
	Optional<String> lockValid(String token) {
		return this.jdbc.sql("""
				SELECT user_id FROM password_reset_token
				WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
				FOR UPDATE""")
			.param("hash", hash(token))
			.param("now", Timestamp.from(this.clock.instant()))
			.query(String.class)
			.optional();
	}

	/**
	 * Spends every outstanding token of the user: the one just used and any older link
	 * still in a mailbox.
	 */
	void spendAll(String userId) {
		this.jdbc.sql("UPDATE password_reset_token SET used_at = :now WHERE user_id = :userId AND used_at IS NULL")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("userId", userId)
			.update();
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	enum Purpose {

		RESET, SET_PASSWORD

	}

}
