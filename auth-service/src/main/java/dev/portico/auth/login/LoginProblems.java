package dev.portico.auth.login;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/** The ways a login, refresh or logout is refused. */
final class LoginProblems {

	private LoginProblems() {
	}

	/**
	 * Wrong user name, password or one-time code; deliberately the same for an unknown
	 * user.
	 */
	static final class InvalidCredentials extends PortalException {

		InvalidCredentials() {
			super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
					"The username, password or one-time code is incorrect.");
		}

	}

	/**
	 * The password was right, but the user (an ops user) must set up an authenticator app
	 * before signing in.
	 */
	static final class SecondFactorSetupRequired extends PortalException {

		SecondFactorSetupRequired() {
			super(HttpStatus.FORBIDDEN, "second-factor-setup-required", "Two-step sign-in must be set up",
					"Set up an authenticator app at the portal's sign-in page first; then log in with its code.");
		}

	}

	/**
	 * The password was right but must be changed first (a temporary password from
	 * provisioning).
	 */
	static final class PasswordChangeRequired extends PortalException {

		PasswordChangeRequired() {
			super(HttpStatus.FORBIDDEN, "password-change-required", "Password change required",
					"The password is temporary; set a new one through the portal's sign-in page or a password reset.");
		}

	}

	/** A refresh token that is expired, revoked or whose session ended. */
	static final class InvalidRefreshToken extends PortalException {

		InvalidRefreshToken() {
			super(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Invalid refresh token",
					"The refresh token is expired or no longer valid; log in again.");
		}

	}

}
