package dev.portico.auth.keycloak;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/** A portal user with this user name or e-mail exists already. */
public class UserExists extends PortalException {

	public UserExists() {
		super(HttpStatus.CONFLICT, "user-exists", "User exists",
				"A user with this username or e-mail address exists already.");
	}

}
