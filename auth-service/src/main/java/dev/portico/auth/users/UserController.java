package dev.portico.auth.users;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.auth.keycloak.KeycloakUsers;
import dev.portico.auth.keycloak.PortalUser;
import dev.portico.platform.security.OpsOnly;
import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.PortalException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Ops provisioning of portal users. */
@RestController
@OpsOnly
class UserController {

	private final UserProvisioning provisioning;

	private final KeycloakUsers users;

	UserController(UserProvisioning provisioning, KeycloakUsers users) {
		this.provisioning = provisioning;
		this.users = users;
	}

	@Operation(summary = "Create a portal user linked to an account (ops)")
	@PostMapping("/api/auth/users")
	ResponseEntity<UserView> create(@Valid @RequestBody NewUser body) {
		if (body.password() != null && body.temporaryPassword() != null) {
			throw new BothPasswords();
		}
		PortalUser user = this.provisioning.create(body.username().strip(), body.email().strip(), body.accountId(),
				body.password(), body.temporaryPassword());
		return ResponseEntity.created(URI.create("/api/auth/users/" + user.id())).body(UserView.of(user));
	}

	@Operation(summary = "A portal user (ops)")
	@GetMapping("/api/auth/users/{userId}")
	UserView get(@PathVariable String userId) {
		if (userId.length() > 64) {
			throw new UnknownUser();
		}
		return this.users.findById(userId).map(UserView::of).orElseThrow(UnknownUser::new);
	}

	record NewUser(
			@NotBlank @Size(min = 3, max = 255) @Pattern(regexp = "[A-Za-z0-9._@-]+",
					message = "may contain letters, digits and . _ @ - only") String username,
			@NotBlank @Email @Size(max = 255) String email, @NotNull UUID accountId,
			@Size(min = 1, max = 1024) String password, @Size(min = 1, max = 1024) String temporaryPassword) {

		@Override
		public String toString() {
			return "NewUser[username=" + this.username + ", accountId=" + this.accountId + "]";
		}

	}

	record UserView(String userId, String username, String email, String accountId, List<String> roles) {

		static UserView of(PortalUser user) {
			return new UserView(user.id(), user.username(), user.email(), user.accountId(), user.roles());
		}

	}

	static final class BothPasswords extends PortalException {

		BothPasswords() {
			super(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "Validation failed",
					"Give a password or a temporary password, not both.");
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("errors",
					List.of(new FieldError("temporaryPassword", "must not be given together with password")));
		}

	}

	static final class UnknownUser extends PortalException {

		UnknownUser() {
			super(HttpStatus.NOT_FOUND, "not-found", "Not found", "No portal user with this id.");
		}

	}

}
