package dev.portico.account.account;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * The account does not exist. Same type and wording as the access check's answer for an account the caller may not
 * see, so the two cannot be told apart.
 */
public class NoSuchAccount extends PortalException {

	public NoSuchAccount() {
		super(HttpStatus.NOT_FOUND, "account-not-found", "Account not found", "No such account is visible to you.");
	}

}
