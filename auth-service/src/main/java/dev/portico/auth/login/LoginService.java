package dev.portico.auth.login;

import dev.portico.auth.keycloak.KeycloakTokens;
import dev.portico.auth.keycloak.Lockouts;
import dev.portico.auth.keycloak.TokenRefused;
import dev.portico.auth.keycloak.TokenSet;
import dev.portico.auth.ratelimit.AttemptLimits;

import org.springframework.stereotype.Service;

/** Password login, refresh and logout against Keycloak, with rate limits and lockouts made visible. */
@Service
class LoginService {

	private final KeycloakTokens tokens;

	private final Lockouts lockouts;

	private final AttemptLimits limits;

	LoginService(KeycloakTokens tokens, Lockouts lockouts, AttemptLimits limits) {
		this.tokens = tokens;
		this.lockouts = lockouts;
		this.limits = limits;
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
			// Keycloak answers a locked user exactly like a wrong password.
			throw this.lockouts.lockOfLogin(username)
				.<RuntimeException>map((locked) -> locked)
				.orElseGet(LoginProblems.InvalidCredentials::new);
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

}
