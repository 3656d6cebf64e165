package dev.portico.auth.mfa;

import dev.portico.auth.keycloak.KeycloakUsers;
import dev.portico.auth.password.CurrentCredentials;
import dev.portico.platform.security.PortalAuthentication;
import dev.portico.platform.security.PortalPrincipal;
import dev.portico.platform.web.PortalException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two-step sign-in of the caller. It is turned on at Keycloak's sign-in pages (the
 * {@code CONFIGURE_TOTP} action, which shows the key and checks a first code, so no
 * secret passes through the portal); here a client reads whether it is on and turns it
 * off again after proving both factors. Ops cannot turn it off: their sign-in always asks
 * for a code.
 */
@RestController
class TwoStepController {

	private final KeycloakUsers users;

	private final CurrentCredentials current;

	TwoStepController(KeycloakUsers users, CurrentCredentials current) {
		this.users = users;
		this.current = current;
	}

	@Operation(summary = "Whether the caller's sign-in asks for a one-time code, and whether it must")
	@GetMapping("/api/auth/mfa")
	TwoStep status(PortalAuthentication authentication) {
		PortalPrincipal principal = authentication.getPrincipal();
		return new TwoStep(this.users.hasTotp(principal.subject()), principal.isOps());
	}

	@Operation(summary = "Turn off the caller's authenticator app, after the current password and a code")
	@DeleteMapping("/api/auth/mfa/totp")
	ResponseEntity<Void> turnOff(PortalAuthentication authentication, @Valid @RequestBody TurnOffRequest body) {
		PortalPrincipal principal = authentication.getPrincipal();
		if (principal.isOps()) {
			throw new SecondFactorRequired();
		}
		this.current.prove(principal, body.currentPassword(), body.otp());
		this.users.removeTotp(principal.subject());
		return ResponseEntity.noContent().build();
	}

	/**
	 * @param totp an authenticator app is set up: each sign-in asks for its code
	 * @param required the user may not turn it off (ops)
	 */
	record TwoStep(boolean totp, boolean required) {
	}

	record TurnOffRequest(@NotBlank @Size(max = 1024) String currentPassword, @NotBlank @Pattern(regexp = "[0-9]{6}",
			message = "must be the 6 digits of the authenticator app") String otp) {

		@Override
		public String toString() {
			return "TurnOffRequest[]";
		}

	}

	/**
	 * Ops keep their second factor: the realm's sign-in asks them for a code whatever
	 * they choose.
	 */
	static final class SecondFactorRequired extends PortalException {

		SecondFactorRequired() {
			super(HttpStatus.CONFLICT, "second-factor-required", "Two-step sign-in is required",
					"Operations users must keep an authenticator app; set up a new one before removing the old.");
		}

	}

}
