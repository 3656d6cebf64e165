package dev.portico.account.balance;

import java.util.List;

/**
 * Whether the session an access token belongs to has ended (logged out, password reset,
 * ended by an administrator).
 */
public interface SessionStatus {

	/**
	 * Whether this can be told for a token of the audience {@code audience} at all:
	 * Keycloak answers only a client the token names, and a realm imported before user
	 * tokens named the services' client does not.
	 */
	boolean canTell(List<String> audience);

	/**
	 * @param accessToken a token of the session
	 * @return {@code true} once the session has ended
	 * @throws RuntimeException when that cannot be told now
	 */
	boolean ended(String accessToken);

}
