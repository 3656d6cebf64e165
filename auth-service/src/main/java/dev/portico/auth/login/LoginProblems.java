package dev.portico.auth.login;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/** The ways a login, refresh or logout is refused. */
final class LoginProblems {

	private LoginProblems() {
	}

	/** Wrong user name or password; deliberately the same for an unknown user. */
	static final class InvalidCredentials extends PortalException {

		InvalidCredentials() {
			super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
					"The username or password is incorrect.");
		}

	}

	/** The password was right but must be changed first (a temporary password from provisioning). */
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
