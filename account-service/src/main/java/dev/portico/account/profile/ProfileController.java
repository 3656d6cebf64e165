package dev.portico.account.profile;

import java.net.URI;
import java.util.UUID;

import dev.portico.platform.security.OpsOnly;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's profile. Whether the caller may see the account in the path is decided by
 * the platform's access check before any handler here runs.
 */
@RestController
class ProfileController {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final ProfileService profiles;

	ProfileController(ProfileService profiles) {
		this.profiles = profiles;
	}

	@Operation(summary = "Open an account (ops)")
	@OpsOnly
	@PostMapping("/api/accounts")
	ResponseEntity<Profile> open(@Valid @RequestBody OpenAccount request) {
		Profile opened = this.profiles.open(request);
		return ResponseEntity.created(URI.create("/api/accounts/" + opened.accountId())).body(opened);
	}

	@Operation(summary = "An account's profile")
	@GetMapping("/api/accounts/{accountId}")
	Profile profile(@PathVariable UUID accountId) {
		return this.profiles.profile(accountId);
	}

	@Operation(summary = "Change an account's contact and billing address (JSON merge patch)")
	@PatchMapping(path = "/api/accounts/{accountId}", consumes = { MERGE_PATCH_JSON, "application/json" })
	Profile patch(@PathVariable UUID accountId, @RequestBody JsonNode patch) {
		return this.profiles.patch(accountId, patch);
	}

}
