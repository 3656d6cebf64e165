package dev.portico.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body accepted on a path: the suite-wide limit, or a larger (or
 * smaller) one for the few endpoints that take batches, such as usage records. Shared by
 * the services' filter and the gateway's, so that the gateway lets through what the
 * service behind it accepts and nothing more.
 */
public final class BodySizeLimits {

	private static final AntPathMatcher PATHS = new AntPathMatcher();

	private final long defaultBytes;

	private final Map<String, Long> byPath = new LinkedHashMap<>();

	public BodySizeLimits(DataSize defaultLimit, Map<String, DataSize> byPath) {
		this.defaultBytes = defaultLimit.toBytes();
		byPath.forEach((pattern, limit) -> this.byPath.put(pattern, limit.toBytes()));
	}

	public static BodySizeLimits of(WebProperties properties) {
		return new BodySizeLimits(properties.maxBodySize(), properties.maxBodySizeByPath());
	}

	/** The limit of the first pattern that matches {@code path}, else the default. */
	public long forPath(String path) {
		for (Map.Entry<String, Long> entry : this.byPath.entrySet()) {
			if (PATHS.match(entry.getKey(), path)) {
				return entry.getValue();
			}
		}
		return this.defaultBytes;
	}

}
