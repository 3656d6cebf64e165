package dev.portico.auth.password;

import dev.portico.auth.keycloak.KeycloakTokens;
import dev.portico.auth.keycloak.KeycloakUsers;
import dev.portico.auth.keycloak.Lockouts;
import dev.portico.auth.keycloak.TokenRefused;
import dev.portico.auth.keycloak.TokenSet;
import dev.portico.platform.security.PortalPrincipal;

import org.springframework.stereotype.Service;

/**
 * A logged-in user changes the password after proving the current one; every other session of the user ends, so a
 * device or a person who knew the old password is logged out (its refresh token stops working).
 */
@Service
class PasswordChanges {

	private final KeycloakTokens tokens;

	private final KeycloakUsers users;

	private final Lockouts lockouts;

	private final PasswordStrength strength;

	PasswordChanges(KeycloakTokens tokens, KeycloakUsers users, Lockouts lockouts, PasswordStrength strength) {
		this.tokens = tokens;
		this.users = users;
		this.lockouts = lockouts;
		this.strength = strength;
	}

	/** @param currentSessionId the Keycloak session of the token that asked (its {@code sid}), which stays */
	void change(PortalPrincipal principal, String currentSessionId, String currentPassword, String newPassword) {
		// Before the password grant: a refused new password then opens no Keycloak session at all.
		this.strength.check(newPassword, principal.username(), null);
		TokenSet proof;
		try {
			// One password grant: a wrong current password counts once towards the lockout, like one failed login.
			proof = this.tokens.passwordGrant(principal.username(), currentPassword);
		}
		catch (TokenRefused refused) {
			// A locked user cannot prove the password either; say so rather than call it wrong.
			throw this.lockouts.lockOf(principal.subject())
				.<RuntimeException>map((locked) -> locked)
				.orElseGet(PasswordProblems.WrongCurrentPassword::new);
		}
		// The grant opened a session only to check the password; end it rather than leave it until it times out.
		try {
			this.tokens.logout(proof.refreshToken());
		}
		catch (TokenRefused ended) {
			// Gone already.
		}
		this.users.setPassword(principal.subject(), newPassword, false);
		// Without the caller's own session id nothing tells it apart: better to end it too than to keep a stranger's.
		this.users.endSessions(principal.subject(), (currentSessionId == null || currentSessionId.isBlank()) ? ""
				: currentSessionId);
	}

}
