package dev.portico.auth.login;

import dev.portico.auth.keycloak.KeycloakTokens;
import dev.portico.auth.keycloak.Lockouts;
import dev.portico.auth.keycloak.TokenRefused;
import dev.portico.auth.keycloak.TokenSet;
import dev.portico.auth.ratelimit.AttemptLimits;
import dev.portico.auth.ratelimit.TooManyRequests;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;

/** Password login, refresh and logout against Keycloak, with rate limits and lockouts made visible. */
@Service
class LoginService {

	private final KeycloakTokens tokens;

	private final Lockouts lockouts;

	private final AttemptLimits limits;

	private final MeterRegistry meters;

	LoginService(KeycloakTokens tokens, Lockouts lockouts, AttemptLimits limits, MeterRegistry meters) {
		this.tokens = tokens;
		this.lockouts = lockouts;
		this.limits = limits;
		this.meters = meters;
	}

	TokenSet login(String username, String password, String clientAddress) {
		try {
			this.limits.checkLogin(username, clientAddress);
		}
		catch (TooManyRequests limited) {
			failed("rate_limited");
			throw limited;
		}
		try {
			TokenSet tokens = this.tokens.passwordGrant(username, password);
			this.limits.loginSucceeded(username);
			return tokens;
		}
		catch (TokenRefused refused) {
			if (refused.accountNotFullySetUp()) {
				failed("password_change_required");
				throw new LoginProblems.PasswordChangeRequired();
			}
			// Keycloak answers a locked user exactly like a wrong password.
			RuntimeException problem = this.lockouts.lockOfLogin(username)
				.<RuntimeException>map((locked) -> locked)
				.orElseGet(LoginProblems.InvalidCredentials::new);
			failed((problem instanceof LoginProblems.InvalidCredentials) ? "invalid_credentials" : "locked");
			throw problem;
		}
	}

	/**
	 * {@code portico_login_failures_total{reason}}: a burst of invalid_credentials or rate_limited is what a
	 * password-guessing attack looks like from the outside.
	 */
	private void failed(String reason) {
		this.meters.counter("portico.login.failures", "reason", reason).increment();
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

}
