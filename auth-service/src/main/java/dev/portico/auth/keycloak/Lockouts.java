package dev.portico.auth.keycloak;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.portico.auth.config.AuthProperties;

import org.springframework.stereotype.Component;

/**
 * Tells a user whom Keycloak's brute-force backstop has locked from a wrong password, for
 * a logged-in user who changes the password. Keycloak answers both with the same
 * {@code invalid_grant}; only its admin API's brute-force status tells them apart, so
 * this is asked after a refused grant, never before. Logins never ask: their answer must
 * not tell which names exist.
 */
@Component
public class Lockouts {

	private final KeycloakUsers users;

	private final Duration lockoutWait;

	private final Clock clock;

	Lockouts(KeycloakUsers users, AuthProperties properties, Clock clock) {
		this.users = users;
		this.lockoutWait = properties.lockoutWait();
		this.clock = clock;
	}

	/** The lock on this user (by Keycloak id), if there is one. */
	public Optional<AccountLocked> lockOf(String userId) {
		KeycloakUsers.LockStatus status = this.users.lockStatus(userId);
		if (!status.locked()) {
			return Optional.empty();
		}
		// Keycloak does not report when the lock ends; its last failure plus the realm's
		// wait is the estimate.
		Duration elapsed = Duration.between(status.lastFailure(), this.clock.instant());
		return Optional.of(new AccountLocked(Math.max(1, this.lockoutWait.minus(elapsed).toSeconds())));
	}

}
