package dev.portico.auth.password;

import dev.portico.auth.keycloak.KeycloakTokens;
import dev.portico.auth.keycloak.KeycloakUsers;
import dev.portico.auth.keycloak.Lockouts;
import dev.portico.auth.keycloak.TokenRefused;
import dev.portico.auth.keycloak.TokenSet;
import dev.portico.platform.security.PortalPrincipal;

import org.springframework.stereotype.Component;

/**
 * A signed-in user proves the current password, and the one-time code where two-step
 * sign-in is on, before a change that a stolen session must not make (a new password,
 * turning the second factor off).
 */
@Component
public class CurrentCredentials {

	private final KeycloakTokens tokens;

	private final KeycloakUsers users;

	private final Lockouts lockouts;

	CurrentCredentials(KeycloakTokens tokens, KeycloakUsers users, Lockouts lockouts) {
		this.tokens = tokens;
		this.users = users;
		this.lockouts = lockouts;
	}

	/**
	 * @throws RuntimeException a 400 problem if they are wrong, 429 if the user is locked
	 */
	public void prove(PortalPrincipal principal, String password, String oneTimeCode) {
		TokenSet proof;
		try {
			// One password grant: a wrong password counts once towards the lockout, like
			// one failed login.
			proof = this.tokens.passwordGrant(principal.username(), password, oneTimeCode);
		}
		catch (TokenRefused refused) {
			// A locked user cannot prove the password either; say so rather than call it
			// wrong.
			this.lockouts.lockOf(principal.subject()).ifPresent((locked) -> {
				throw locked;
			});
			if (oneTimeCode == null && this.users.hasTotp(principal.subject())) {
				throw new PasswordProblems.OneTimeCodeRequired();
			}
			throw new PasswordProblems.WrongCurrentPassword();
		}
		// The grant opened a session only to check the password; end it rather than leave
		// it until it times out.
		try {
			this.tokens.logout(proof.refreshToken());
		}
		catch (TokenRefused ended) {
			// Gone already.
		}
	}

}
