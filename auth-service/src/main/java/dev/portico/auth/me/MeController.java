package dev.portico.auth.me;

import java.util.List;
import java.util.UUID;

import dev.portico.platform.security.PortalAuthentication;
import dev.portico.platform.security.PortalPrincipal;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the access token says the caller is; answered from the token alone, so Keycloak is
 * not asked.
 */
@RestController
class MeController {

	@Operation(summary = "The calling portal user")
	@GetMapping("/api/auth/me")
	Me me(PortalAuthentication authentication) {
		PortalPrincipal principal = authentication.getPrincipal();
		String email = authentication.getToken().getClaimAsString("email");
		return new Me(principal.username(), email, principal.accountId(), principal.portalRoles());
	}

	record Me(String username, String email, UUID accountId, List<String> roles) {
	}

}
