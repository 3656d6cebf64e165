package dev.portico.auth.login;

import dev.portico.auth.keycloak.TokenSet;
import dev.portico.auth.ratelimit.AttemptLimits;
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

/** Password login for clients that cannot redirect to Keycloak, refresh and logout. */
@RestController
class LoginController {

	private final LoginService logins;

	private final AttemptLimits limits;

	LoginController(LoginService logins, AttemptLimits limits) {
		this.logins = logins;
		this.limits = limits;
	}

	@Operation(summary = "Log in with user name (or e-mail) and password, and the one-time code where two-step "
			+ "sign-in is on")
	@PostMapping("/api/auth/login")
	Tokens login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
		return Tokens.of(this.logins.login(body.username().strip(), body.password(), body.otp(),
				this.limits.clientAddress(request)));
	}

	@Operation(summary = "New tokens for a refresh token")
	@PostMapping("/api/auth/refresh")
	Tokens refresh(@Valid @RequestBody RefreshRequest body) {
		return Tokens.of(this.logins.refresh(body.refreshToken()));
	}

	@Operation(summary = "End the session of a refresh token")
	@PostMapping("/api/auth/logout")
	ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest body) {
		this.logins.logout(body.refreshToken());
		return ResponseEntity.noContent().build();
	}

	/**
	 * @param otp the one-time code of the user's authenticator app: required of ops and
	 * of users who turned it on
	 */
	record LoginRequest(@NotBlank @Size(max = 255) String username, @NotBlank @Size(max = 1024) String password,
			@Pattern(regexp = "[0-9]{6}", message = "must be the 6 digits of the authenticator app") String otp) {

		@Override
		public String toString() {
			return "LoginRequest[username=" + this.username + "]";
		}

	}

	record RefreshRequest(@NotBlank @Size(max = 16384) String refreshToken) {

		@Override
		public String toString() {
			return "RefreshRequest[]";
		}

	}

	record Tokens(String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn, String tokenType) {

		static Tokens of(TokenSet tokens) {
			return new Tokens(tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn(),
					tokens.refreshExpiresIn(), "Bearer");
		}

		@Override
		public String toString() {
			return "Tokens[expiresIn=" + this.expiresIn + "]";
		}

	}

}
