package dev.portico.platform.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The {@code X-Request-Id} every response carries: the caller's own id when it is a sane
 * token, a new one otherwise, so that a hostile header can neither inject log lines nor
 * grow without bound.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	/** Key in the logging MDC and in request attributes. */
	public static final String MDC_KEY = "requestId";

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private RequestIds() {
	}

	public static String acceptOrGenerate(String incoming) {
		return (incoming != null && SANE.matcher(incoming).matches()) ? incoming : generate();
	}

	// A version-4 UUID from a non-blocking, non-cryptographic source: an id ties log
	// lines together and protects nothing, and UUID.randomUUID() takes SecureRandom's
	// lock on every request.
	private static String generate() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

}
