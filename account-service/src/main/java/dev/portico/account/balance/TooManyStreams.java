package dev.portico.account.balance;

import java.time.Duration;
import java.util.Map;

import dev.portico.platform.web.PortalException;
import dev.portico.platform.web.ProblemType;

import org.springframework.http.HttpStatusCode;

/** No room for another balance stream, for this account ({@code 429}) or on this instance ({@code 503}). */
class TooManyStreams extends PortalException {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

	private TooManyStreams(ProblemType type, String detail) {
		super(HttpStatusCode.valueOf(type.status().value()), slug(type), type.title(), detail);
	}

	static TooManyStreams forAccount() {
		return new TooManyStreams(ProblemType.TOO_MANY_REQUESTS, "This account has too many open event streams.");
	}

	static TooManyStreams onInstance() {
		return new TooManyStreams(ProblemType.SERVICE_UNAVAILABLE, "No room for another event stream; retry shortly.");
	}

	@Override
	public Map<String, String> headers() {
		return Map.of("Retry-After", String.valueOf(RETRY_AFTER.toSeconds()));
	}

	private static String slug(ProblemType type) {
		return type.uri().toString().substring(ProblemType.BASE_URI.length());
	}

}
