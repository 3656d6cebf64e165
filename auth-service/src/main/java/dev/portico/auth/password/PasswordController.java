package dev.portico.auth.password;

import dev.portico.auth.ratelimit.AttemptLimits;
import dev.portico.platform.security.PortalAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Change, forgot and reset of passwords. */
@RestController
class PasswordController {

	private final PasswordChanges changes;

	private final PasswordResets resets;

	private final AttemptLimits limits;

	PasswordController(PasswordChanges changes, PasswordResets resets, AttemptLimits limits) {
		this.changes = changes;
		this.resets = resets;
		this.limits = limits;
	}

	@Operation(summary = "Change the caller's password; the current one is verified first, and every other session "
			+ "of the user ends")
	@PostMapping("/api/auth/password/change")
	ResponseEntity<Void> change(PortalAuthentication authentication, @Valid @RequestBody ChangeRequest body) {
		this.changes.change(authentication.getPrincipal(), authentication.getToken().getClaimAsString("sid"),
				body.currentPassword(), body.otp(), body.newPassword());
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Mail a reset link to the user; always 202, whether or not the user exists")
	@PostMapping("/api/auth/password/forgot")
	ResponseEntity<Void> forgot(@Valid @RequestBody ForgotRequest body, HttpServletRequest request) {
		this.resets.forgot(body.usernameOrEmail().strip(), this.limits.clientAddress(request));
		return ResponseEntity.accepted().build();
	}

	@Operation(summary = "Set a new password with the token of a reset link; every session of the user ends")
	@PostMapping("/api/auth/password/reset")
	ResponseEntity<Void> reset(@Valid @RequestBody ResetRequest body) {
		this.resets.reset(body.token(), body.newPassword());
		return ResponseEntity.noContent().build();
	}

	/**
	 * @param otp the one-time code, required where two-step sign-in is on
	 */
	record ChangeRequest(@NotBlank @Size(max = 1024) String currentPassword,
			@NotBlank @Size(max = 1024) String newPassword,
			@Pattern(regexp = "[0-9]{6}", message = "must be the 6 digits of the authenticator app") String otp) {

		@Override
		public String toString() {
			return "ChangeRequest[]";
		}

	}

	record ForgotRequest(@NotBlank @Size(max = 255) String usernameOrEmail) {

	}

	record ResetRequest(@NotBlank @Size(max = 256) String token, @NotBlank @Size(max = 1024) String newPassword) {

		@Override
		public String toString() {
			return "ResetRequest[]";
		}

	}

}
