package dev.portico.platform.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;

/**
 * The token of an {@code Authorization: Bearer} header, read by the grammar Spring
 * Security's resolvers use ({@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, the scheme
 * in any ASCII case; RFC 6750's b64token) with a loop instead of their case-insensitive
 * pattern: matching a kilobyte of token character by character against it was 6 % of the
 * gateway's CPU per request.
 */
public final class BearerTokens {

	private static final String SCHEME = "bearer";

	/**
	 * b64token characters by ASCII code: one array read per character of a kilobyte-long
	 * token.
	 */
	private static final boolean[] TOKEN_CHARACTERS = new boolean[128];

	static {
		for (char c = 0; c < 128; c++) {
			TOKEN_CHARACTERS[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
		}
	}

	private BearerTokens() {
	}

	/**
	 * @param authorization the header's value, or {@code null}
	 * @return the token; {@code null} when there is no header or it names another scheme,
	 * as Spring Security does
	 * @throws OAuth2AuthenticationException ({@code invalid_token}) when it names the
	 * bearer scheme but is malformed
	 */
	public static String resolve(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return null;
		}
		int length = authorization.length();
		for (int i = 0; i < SCHEME.length(); i++) {
			// The pattern's case-insensitivity is ASCII only; regionMatches above also
			// folds other scripts.
			char c = authorization.charAt(i);
			if (c >= 0x80 || (c | 0x20) != SCHEME.charAt(i)) {
				throw malformed();
			}
		}
		int start = SCHEME.length() + 1;
		if (length <= start || authorization.charAt(SCHEME.length()) != ' ') {
			throw malformed();
		}
		int i = start;
		while (i < length && isTokenCharacter(authorization.charAt(i))) {
			i++;
		}
		if (i == start) {
			throw malformed();
		}
		while (i < length && authorization.charAt(i) == '=') {
			i++;
		}
		if (i != length) {
			throw malformed();
		}
		return authorization.substring(start);
	}

	/** {@code a-z A-Z 0-9 - . _ ~ + /} */
	static boolean isTokenCharacter(char c) {
		return c < 128 && TOKEN_CHARACTERS[c];
	}

	private static OAuth2AuthenticationException malformed() {
		return new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
	}

}
