package dev.portico.auth.ratelimit;

import java.util.Map;

import dev.portico.platform.web.RetryLater;

import org.springframework.http.HttpStatus;

/**
 * A caller went past a rate limit; it may try again after {@code Retry-After} seconds.
 */
public class TooManyRequests extends RetryLater {

	public TooManyRequests(long retryAfterSeconds) {
		super(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
				"Too many attempts; try again in " + retryAfterSeconds + " seconds.", retryAfterSeconds);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("retryAfterSeconds", retryAfterSeconds());
	}

}
