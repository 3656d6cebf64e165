package dev.portico.auth.password;

import dev.portico.auth.keycloak.KeycloakUsers;
import dev.portico.platform.security.PortalPrincipal;

import org.springframework.stereotype.Service;

/**
 * A logged-in user changes the password after proving the current one (and the one-time
 * code where two-step sign-in is on); every other session of the user ends, so a device
 * or a person who knew the old password is logged out (its refresh token stops working).
 */
@Service
class PasswordChanges {

	private final CurrentCredentials current;

	private final KeycloakUsers users;

	private final PasswordStrength strength;

	PasswordChanges(CurrentCredentials current, KeycloakUsers users, PasswordStrength strength) {
		this.current = current;
		this.users = users;
		this.strength = strength;
	}

	/**
	 * @param currentSessionId the Keycloak session of the token that asked (its
	 * {@code sid}), which stays
	 */
	void change(PortalPrincipal principal, String currentSessionId, String currentPassword, String oneTimeCode,
			String newPassword) {
		// Before the password grant: a refused new password then opens no Keycloak
		// session at all.
		this.strength.check(newPassword, principal.username(), null);
		this.current.prove(principal, currentPassword, oneTimeCode);
		this.users.setPassword(principal.subject(), newPassword, false);
		// Without the caller's own session id nothing tells it apart: better to end it
		// too than to keep a stranger's.
		this.users.endSessions(principal.subject(),
				(currentSessionId == null || currentSessionId.isBlank()) ? "" : currentSessionId);
	}

}
