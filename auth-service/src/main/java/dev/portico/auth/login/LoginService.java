package dev.portico.auth.login;

import java.time.Clock;
import java.time.Duration;

import dev.portico.auth.config.AuthProperties;
import dev.portico.auth.keycloak.KeycloakTokens;
import dev.portico.auth.keycloak.KeycloakUsers;
import dev.portico.auth.keycloak.TokenRefused;
import dev.portico.auth.keycloak.TokenSet;
import dev.portico.auth.ratelimit.AttemptLimits;

import org.springframework.stereotype.Service;

/** Password login, refresh and logout against Keycloak, with rate limits and lockouts made visible. */
@Service
class LoginService {

	private final KeycloakTokens tokens;

	private final KeycloakUsers users;

	private final AttemptLimits limits;

	private final Duration lockoutWait;

	private final Clock clock;

	LoginService(KeycloakTokens tokens, KeycloakUsers users, AttemptLimits limits, AuthProperties properties,
			Clock clock) {
		this.tokens = tokens;
		this.users = users;
		this.limits = limits;
		this.lockoutWait = properties.lockoutWait();
		this.clock = clock;
	}

	TokenSet login(String username, String password, String clientAddress) {
		this.limits.checkLogin(username, clientAddress);
		try {
			TokenSet tokens = this.tokens.passwordGrant(username, password);
			this.limits.loginSucceeded(username);
			return tokens;
		}
		catch (TokenRefused refused) {
			if (refused.accountNotFullySetUp()) {
				throw new LoginProblems.PasswordChangeRequired();
			}
			// Keycloak answers a locked user exactly like a wrong password; only its admin API tells them apart.
			throw lockedOrInvalid(username);
		}
	}

	TokenSet refresh(String refreshToken) {
		try {
			return this.tokens.refresh(refreshToken);
		}
		catch (TokenRefused refused) {
			throw new LoginProblems.InvalidRefreshToken();
		}
	}

	/** Ends the session; a token whose session is gone already is logged out too, so this is idempotent. */
	void logout(String refreshToken) {
		try {
			this.tokens.logout(refreshToken);
		}
		catch (TokenRefused refused) {
			// Nothing left to end.
		}
	}

	private RuntimeException lockedOrInvalid(String username) {
		return this.users.findByUsernameOrEmail(username).map((user) -> this.users.lockStatus(user.id()))
			.filter(KeycloakUsers.LockStatus::locked)
			.<RuntimeException>map((lock) -> new LoginProblems.AccountLocked(retryAfter(lock)))
			.orElseGet(LoginProblems.InvalidCredentials::new);
	}

	private long retryAfter(KeycloakUsers.LockStatus lock) {
		Duration elapsed = Duration.between(lock.lastFailure(), this.clock.instant());
		long seconds = this.lockoutWait.minus(elapsed).toSeconds();
		return Math.max(1, seconds);
	}

}
