package dev.portico.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.test.MutableClock;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

	final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

	final AtomicInteger verifications = new AtomicInteger();

	/**
	 * Stands in for the signature check: "bad" tokens fail, others expire five minutes
	 * after the start.
	 */
	final JwtDecoder verifier = (token) -> {
		this.verifications.incrementAndGet();
		if (token.startsWith("bad")) {
			throw new BadJwtException("signature");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject(token)
			.issuedAt(Instant.parse("2026-11-25T10:00:00Z"))
			.expiresAt(Instant.parse("2026-11-25T10:05:00Z"))
			.build();
	};

	final JwtDecoder decoder = new VerifiedTokens(100, this.clock).caching(this.verifier);

	@Test
	void aRepeatedTokenIsVerifiedOnce() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.decoder.decode("token-a").getSubject()).isEqualTo("token-a");
		}
		this.decoder.decode("token-b");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aTokenThatFailedIsCheckedAgainEveryTime() {
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> this.decoder.decode("bad-token")).isInstanceOf(BadJwtException.class);
		}
		assertThat(this.verifications).hasValue(3);
	}

	@Test
	void anExpiredTokenIsNotServedFromTheCache() {
		this.decoder.decode("token-a");
		this.clock.advance(Duration.ofMinutes(6));
		this.decoder.decode("token-a");
		assertThat(this.verifications).as("the delegate decides about an expired token").hasValue(2);
	}

}
