package dev.portico.web.api;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The Auth area of docs/api.md, as far as a signed-in customer uses it from the web. */
@HttpExchange("/api/auth")
public interface AuthApi {

	@PostExchange("/password/change")
	void changePassword(@RequestBody PasswordChange change);

	@GetExchange("/mfa")
	TwoStep twoStep();

	@DeleteExchange("/mfa/totp")
	void turnOffAuthenticator(@RequestBody TurnOff turnOff);

	/**
	 * @param otp the authenticator's code, or null where two-step sign-in is off
	 */
	record PasswordChange(String currentPassword, String newPassword, String otp) {

		@Override
		public String toString() {
			return "PasswordChange[]";
		}

	}

	/**
	 * @param totp each sign-in asks for the code of an authenticator app
	 * @param required the user may not turn it off
	 */
	record TwoStep(boolean totp, boolean required) {
	}

	record TurnOff(String currentPassword, String otp) {

		@Override
		public String toString() {
			return "TurnOff[]";
		}

	}

}
