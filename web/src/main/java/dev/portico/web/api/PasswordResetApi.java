package dev.portico.web.api;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Forgot and reset of the Auth area: the calls of someone who is not signed in, so they
 * carry no token. They carry the visitor's address instead, which auth-service counts its
 * per-address limits under.
 */
@HttpExchange("/api/auth/password")
public interface PasswordResetApi {

	@PostExchange("/forgot")
	void forgot(@RequestBody Forgot forgot);

	@PostExchange("/reset")
	void reset(@RequestBody Reset reset);

	record Forgot(String usernameOrEmail) {
	}

	record Reset(String token, String newPassword) {

		@Override
		public String toString() {
			return "Reset[]";
		}

	}

}
