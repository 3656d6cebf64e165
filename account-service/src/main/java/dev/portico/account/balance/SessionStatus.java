package dev.portico.account.balance;

/** Whether the session an access token belongs to has ended (logged out, password reset, ended by an administrator). */
@FunctionalInterface
public interface SessionStatus {

	/**
	 * @param accessToken a token of the session
	 * @return {@code true} once the session has ended
	 * @throws RuntimeException when that cannot be told now
	 */
	boolean ended(String accessToken);

}
