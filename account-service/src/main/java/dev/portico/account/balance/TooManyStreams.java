package dev.portico.account.balance;

import java.time.Duration;

import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.RetryLater;

/**
 * No room for another balance stream, for this account ({@code 429}) or on this instance
 * ({@code 503}).
 */
class TooManyStreams extends RetryLater {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

	private TooManyStreams(ProblemType type, String detail) {
		super(type.status(), type.slug(), type.title(), detail, RETRY_AFTER.toSeconds());
	}

	static TooManyStreams forAccount() {
		return new TooManyStreams(ProblemType.TOO_MANY_REQUESTS, "This account has too many open event streams.");
	}

	static TooManyStreams onInstance() {
		return new TooManyStreams(ProblemType.SERVICE_UNAVAILABLE, "No room for another event stream; retry shortly.");
	}

}
