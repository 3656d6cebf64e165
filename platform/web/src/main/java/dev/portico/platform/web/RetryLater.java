package dev.portico.platform.web;

import java.util.Map;

import org.springframework.http.HttpStatusCode;

/**
 * A problem the client should retry after a while ({@code 429}, {@code 503}): carries the
 * {@code Retry-After} header, in whole seconds and never less than one.
 */
public abstract class RetryLater extends PortalException {

	private final long retryAfterSeconds;

	protected RetryLater(HttpStatusCode status, String typeSlug, String title, String detail, long retryAfterSeconds) {
		super(status, typeSlug, title, detail);
		this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
	}

	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	@Override
	public Map<String, String> headers() {
		return Map.of("Retry-After", Long.toString(this.retryAfterSeconds));
	}

}
