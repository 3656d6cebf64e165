package dev.portico.account.hierarchy;

import java.util.UUID;

import dev.portico.platform.web.ResultPage;
import dev.portico.platform.security.AccountNotFound;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hierarchy below an account, and the lineage other services' access checks ask for.
 * Access to the account in a {@code /api/accounts/{accountId}} path is checked by the
 * platform before these handlers run.
 */
@RestController
class HierarchyController {

	static final int MAX_PAGE_SIZE = 200;

	private final HierarchyRepository hierarchy;

	HierarchyController(HierarchyRepository hierarchy) {
		this.hierarchy = hierarchy;
	}

	@Operation(summary = "Search the accounts below an account by name or number prefix")
	@GetMapping("/api/accounts/{accountId}/children")
	ResultPage<HierarchyRepository.Child> children(@PathVariable UUID accountId,
			@RequestParam(required = false) @Size(max = 100) String q,
			@RequestParam(defaultValue = "0") @Min(0) @Max(Integer.MAX_VALUE / MAX_PAGE_SIZE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
		return this.hierarchy.searchBelow(accountId, q, page, size);
	}

	/**
	 * Not routed by the gateway: other services call it, with their own token, to learn
	 * where an account sits. Hidden from the API document, which the gateway serves to
	 * client developers as the public contract.
	 */
	@Hidden
	@GetMapping("/internal/accounts/{accountId}/lineage")
	Lineage lineage(@PathVariable UUID accountId) {
		return this.hierarchy.lineage(accountId).orElseThrow(AccountNotFound::new);
	}

}
