package dev.portico.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers tokens that passed full validation (signature, issuer, audience, expiry)
 * until they expire. A client sends the same access token for its whole five-minute life;
 * verifying its RSA signature and re-reading its claims on every call was the largest
 * single cost of a request in the gateway. The key is the whole token, so only
 * byte-identical tokens hit, and an entry leaves the cache when the token expires.
 */
public final class VerifiedTokens {

	private final Cache<String, Jwt> cache;

	private final Clock clock;

	public VerifiedTokens(int maximumSize, Clock clock) {
		this.clock = clock;
		this.cache = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifeLeft(jwt)))
			.executor(Runnable::run)
			.build();
	}

	public JwtDecoder caching(JwtDecoder delegate) {
		return (token) -> {
			Jwt known = remembered(token);
			if (known != null) {
				return known;
			}
			Jwt verified = delegate.decode(token);
			this.cache.put(token, verified);
			return verified;
		};
	}

	public ReactiveJwtDecoder caching(ReactiveJwtDecoder delegate) {
		return (token) -> {
			Jwt known = remembered(token);
			if (known != null) {
				return Mono.just(known);
			}
			return delegate.decode(token).doOnNext((verified) -> this.cache.put(token, verified));
		};
	}

	private Jwt remembered(String token) {
		Jwt jwt = this.cache.getIfPresent(token);
		// Expiry is re-checked on every hit: the cache's own eviction may lag by a
		// moment.
		return (jwt != null && lifeLeft(jwt).isPositive()) ? jwt : null;
	}

	private Duration lifeLeft(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		return (expiresAt != null) ? Duration.between(this.clock.instant(), expiresAt) : Duration.ZERO;
	}

}
