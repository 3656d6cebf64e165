package dev.portico.platform.security;

import java.util.function.Predicate;

/**
 * What Spring Security's strict firewalls let through in header names and values —
 * assigned characters that are not control characters, a tab allowed in values — checked
 * with a loop instead of their Unicode-property patterns, which every request ran over
 * its kilobyte-long {@code Authorization} header (3 % of the gateway's CPU per request).
 * Printable ASCII takes the short way; anything else is judged by code point, as the
 * patterns do.
 */
public final class HeaderText {

	/** For {@code setAllowedHeaderNames} of the strict firewalls. */
	public static final Predicate<String> NAMES = (name) -> allowed(name, false);

	/** For {@code setAllowedHeaderValues} of the strict firewalls. */
	public static final Predicate<String> VALUES = (value) -> allowed(value, true);

	private HeaderText() {
	}

	static boolean allowed(String text, boolean tab) {
		if (text == null) {
			// A header asked for by name and not sent: nothing to refuse (the firewall
			// asks, and so do Spring's own).
			return true;
		}
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				continue;
			}
			int codePoint = text.codePointAt(i);
			if (!allowed(codePoint, tab)) {
				return false;
			}
			i += Character.charCount(codePoint) - 1;
		}
		return true;
	}

	private static boolean allowed(int codePoint, boolean tab) {
		if (codePoint == '\t') {
			return tab;
		}
		return Character.isDefined(codePoint) && !Character.isISOControl(codePoint);
	}

}
