package dev.portico.auth.keycloak;

/**
 * Keycloak's token or logout endpoint refused a grant ({@code invalid_grant} and
 * friends). Not a problem by itself: each caller decides what it means (wrong
 * credentials, a revoked refresh token, ...).
 */
public class TokenRefused extends RuntimeException {

	private final String error;

	private final String description;

	public TokenRefused(String error, String description) {
		super(error, null, false, false);
		this.error = error;
		this.description = description;
	}

	public String error() {
		return this.error;
	}

	/**
	 * The user's password was right, but Keycloak wants an action first (e.g. a temporary
	 * password).
	 */
	public boolean accountNotFullySetUp() {
		return this.description != null && this.description.contains("not fully set up");
	}

}
