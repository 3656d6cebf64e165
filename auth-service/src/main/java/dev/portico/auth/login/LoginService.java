package dev.portico.auth.login;

import dev.portico.auth.keycloak.AccountLocked;
import dev.portico.auth.keycloak.KeycloakTokens;
import dev.portico.auth.keycloak.KeycloakUsers;
import dev.portico.auth.keycloak.TokenRefused;
import dev.portico.auth.keycloak.TokenSet;
import dev.portico.auth.ratelimit.AttemptLimits;
import dev.portico.auth.ratelimit.FailedLogins;
import dev.portico.auth.ratelimit.TooManyRequests;
import dev.portico.platform.security.PortalJwtConverter;
import dev.portico.platform.security.PortalPrincipal;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.security.oauth2.jwt.JwtDecoder;

import org.springframework.stereotype.Service;

/**
 * Password login, refresh and logout against Keycloak, with rate limits and lockouts made
 * visible.
 */
@Service
class LoginService {

	private final KeycloakTokens tokens;

	private final FailedLogins failures;

	private final AttemptLimits limits;

	private final MeterRegistry meters;

	private final KeycloakUsers users;

	private final JwtDecoder decoder;

	private final PortalJwtConverter converter = new PortalJwtConverter();

	LoginService(KeycloakTokens tokens, FailedLogins failures, AttemptLimits limits, MeterRegistry meters,
			KeycloakUsers users, JwtDecoder decoder) {
		this.tokens = tokens;
		this.users = users;
		this.decoder = decoder;
		this.failures = failures;
		this.limits = limits;
		this.meters = meters;
	}

	/**
	 * The answers are the same whether or not the name exists: 401 for a wrong password,
	 * 429 {@code account-locked} once the name has failed too often from this address
	 * (counted here, so for unknown names too). Keycloak's own per-user lock is a
	 * backstop against guessing from many addresses; a user it holds gets the 401 of a
	 * wrong password, as its login page says, so that it tells no stranger which names
	 * exist. A missing or wrong one-time code is a wrong credential too: which users have
	 * two-step sign-in on is told to no one without the password.
	 */
	TokenSet login(String username, String password, String oneTimeCode, String clientAddress) {
		try {
			this.limits.checkLogin(username, clientAddress);
			this.failures.checkNotLocked(username, clientAddress);
		}
		catch (TooManyRequests limited) {
			failed("rate_limited");
			throw limited;
		}
		catch (AccountLocked locked) {
			failed("locked");
			throw locked;
		}
		try {
			TokenSet tokens = this.tokens.passwordGrant(username, password, oneTimeCode);
			this.limits.loginSucceeded(username, clientAddress);
			this.failures.succeeded(username, clientAddress);
			requireSecondFactorOfOps(tokens);
			return tokens;
		}
		catch (TokenRefused refused) {
			if (refused.accountNotFullySetUp()) {
				// Keycloak says so only once the password (and code) were right: telling
				// why is safe now.
				if (this.users.requiredActions(username).contains(KeycloakUsers.CONFIGURE_TOTP)) {
					failed("second_factor_setup_required");
					throw new LoginProblems.SecondFactorSetupRequired();
				}
				failed("password_change_required");
				throw new LoginProblems.PasswordChangeRequired();
			}
			try {
				this.failures.failed(username, clientAddress);
			}
			catch (AccountLocked locked) {
				failed("locked");
				throw locked;
			}
			failed("invalid_credentials");
			throw new LoginProblems.InvalidCredentials();
		}
	}

	/**
	 * The realm's direct-grant flow asks a code of everyone with an authenticator app; an
	 * ops user without one gets no tokens here (the session is ended at once) but is sent
	 * to the sign-in pages, which make ops set one up.
	 */
	private void requireSecondFactorOfOps(TokenSet tokens) {
		PortalPrincipal principal = this.converter.convert(this.decoder.decode(tokens.accessToken())).getPrincipal();
		if (principal.isOps() && !this.users.hasTotp(principal.subject())) {
			try {
				this.tokens.logout(tokens.refreshToken());
			}
			catch (TokenRefused ended) {
				// Gone already.
			}
			failed("second_factor_setup_required");
			throw new LoginProblems.SecondFactorSetupRequired();
		}
	}

	/**
	 * {@code portico_login_failures_total{reason}}: a burst of invalid_credentials or
	 * rate_limited is what a password-guessing attack looks like from the outside.
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

	/**
	 * Ends the session; a token whose session is gone already is logged out too, so this
	 * is idempotent.
	 */
	void logout(String refreshToken) {
		try {
			this.tokens.logout(refreshToken);
		}
		catch (TokenRefused refused) {
			// Nothing left to end.
		}
	}

}
