package dev.portico.platform.security;

import org.springframework.http.HttpStatus;

import dev.portico.platform.web.PortalException;

/**
 * The account does not exist or the caller may not see it. Both answer the same, so that
 * a customer cannot probe which account ids exist.
 */
public class AccountNotFound extends PortalException {

	public static final String TYPE_SLUG = "account-not-found";

	public AccountNotFound() {
		super(HttpStatus.NOT_FOUND, TYPE_SLUG, "Account not found", "No such account is visible to you.");
	}

}
