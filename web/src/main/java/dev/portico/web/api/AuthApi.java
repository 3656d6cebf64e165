package dev.portico.web.api;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The Auth area of API.md, as far as a signed-in customer uses it from the web. */
@HttpExchange("/api/auth")
public interface AuthApi {

	@PostExchange("/password/change")
	void changePassword(@RequestBody PasswordChange change);

	record PasswordChange(String currentPassword, String newPassword) {

		@Override
		public String toString() {
			return "PasswordChange[]";
		}

	}

}
