package dev.portico.auth.password;

import java.util.List;
import java.util.Map;

import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * The ways a password change or reset is refused (a weak password is
 * {@code WeakPassword}).
 */
final class PasswordProblems {

	private PasswordProblems() {
	}

	/**
	 * The current password given with a change is wrong. A 400, not a 401: the caller's
	 * token is fine, and a 401 would make clients throw it away.
	 */
	static final class WrongCurrentPassword extends PortalException {

		WrongCurrentPassword() {
			super(HttpStatus.BAD_REQUEST, "wrong-current-password", "Current password is incorrect",
					"The current password or one-time code is incorrect.");
		}

	}

	/**
	 * Two-step sign-in is on, and the change came without the one-time code that proves
	 * the second factor too.
	 */
	static final class OneTimeCodeRequired extends PortalException {

		OneTimeCodeRequired() {
			super(HttpStatus.BAD_REQUEST, "one-time-code-required", "One-time code required",
					"Two-step sign-in is on: give the code of the authenticator app with the current password.");
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("errors", List.of(new FieldError("otp", "is required while two-step sign-in is on")));
		}

	}

	/**
	 * The reset token is unknown, spent or expired; the user should ask for a new link.
	 */
	static final class InvalidResetToken extends PortalException {

		InvalidResetToken() {
			super(HttpStatus.BAD_REQUEST, "invalid-reset-token", "Invalid reset token",
					"The reset link is invalid, expired or already used; request a new one.");
		}

	}

}
