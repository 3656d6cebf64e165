package dev.portico.auth.keycloak;

import java.util.Map;

import dev.portico.platform.web.RetryLater;

import org.springframework.http.HttpStatus;

/** Keycloak's brute-force detection has locked the user for a while. */
public class AccountLocked extends RetryLater {

	public AccountLocked(long retryAfterSeconds) {
		super(HttpStatus.TOO_MANY_REQUESTS, "account-locked", "Account temporarily locked",
				"Too many failed logins; try again later or reset the password.", retryAfterSeconds);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("retryAfterSeconds", retryAfterSeconds());
	}

}
