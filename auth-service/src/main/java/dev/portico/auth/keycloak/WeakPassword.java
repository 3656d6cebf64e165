package dev.portico.auth.keycloak;

import java.util.List;
import java.util.Map;

import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * Keycloak's password policy refused a new password; {@code errors} says why, for the
 * field that carried it.
 */
public class WeakPassword extends PortalException {

	private final String reason;

	private String field = "newPassword";

	public WeakPassword(String reason) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "weak-password", "Password does not meet the policy",
				"The new password does not meet the password policy.");
		this.reason = reason;
	}

	/**
	 * The same refusal, reported on another request field (e.g. {@code password} when
	 * provisioning).
	 */
	public WeakPassword onField(String field) {
		WeakPassword copy = new WeakPassword(this.reason);
		copy.field = field;
		return copy;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("errors", List.of(new FieldError(this.field, this.reason)));
	}

}
