package dev.portico.auth.users;

import java.util.List;
import java.util.UUID;

import dev.portico.auth.keycloak.KeycloakUsers;
import dev.portico.auth.keycloak.PortalUser;
import dev.portico.auth.keycloak.WeakPassword;
import dev.portico.auth.password.PasswordResets;
import dev.portico.platform.security.PortalPrincipal;

import org.springframework.stereotype.Service;

/**
 * Ops create portal users linked to an account, with a password, a temporary one, or a
 * set-password e-mail.
 */
@Service
class UserProvisioning {

	private final KeycloakUsers users;

	private final PasswordResets resets;

	UserProvisioning(KeycloakUsers users, PasswordResets resets) {
		this.users = users;
		this.resets = resets;
	}

	PortalUser create(String username, String email, UUID accountId, String password, String temporaryPassword) {
		String userId = this.users.create(username, email, accountId.toString());
		try {
			if (password != null) {
				this.users.setPassword(userId, password, false);
			}
			else if (temporaryPassword != null) {
				this.users.setPassword(userId, temporaryPassword, true);
			}
			this.users.grantRealmRole(userId, PortalPrincipal.CUSTOMER);
		}
		catch (WeakPassword weak) {
			// Half a user would block a corrected retry with 409: take it back.
			this.users.delete(userId);
			throw weak.onField((password != null) ? "password" : "temporaryPassword");
		}
		catch (RuntimeException ex) {
			this.users.delete(userId);
			throw ex;
		}
		PortalUser created = new PortalUser(userId, username, email, accountId.toString(), true,
				List.of(PortalPrincipal.CUSTOMER));
		if (password == null && temporaryPassword == null) {
			this.resets.sendSetPasswordLink(created);
		}
		return created;
	}

}
