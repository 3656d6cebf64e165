package dev.portico.account.packages;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.Currency;
import java.util.UUID;

import dev.portico.account.account.CurrencyCode;
import dev.portico.platform.security.OpsOnly;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Packages of an account. Access to the account is checked by the platform before any of
 * this runs.
 */
@RestController
class PackageController {

	private final PackageService packages;

	PackageController(PackageService packages) {
		this.packages = packages;
	}

	@Operation(summary = "Add a package to an account (ops)")
	@OpsOnly
	@PostMapping("/api/accounts/{accountId}/packages")
	ResponseEntity<PackageView> add(@PathVariable UUID accountId, @Valid @RequestBody AddPackage request) {
		AccountPackage added = this.packages.add(accountId, request.name(), request.startDate(),
				request.recurringCharge(),
				(request.currency() != null) ? Currency.getInstance(request.currency()) : null);
		return ResponseEntity.created(URI.create("/api/accounts/" + accountId + "/packages/" + added.id()))
			.body(PackageView.of(added));
	}

	@Operation(summary = "One package of an account")
	@GetMapping("/api/accounts/{accountId}/packages/{packageId}")
	PackageView get(@PathVariable UUID accountId, @PathVariable UUID packageId) {
		return this.packages.get(accountId, packageId);
	}

	/** {@code currency} defaults to the account's and, if given, must be it. */
	record AddPackage(@NotBlank @Size(max = 200) String name, @NotNull LocalDate startDate,
			@NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal recurringCharge,
			@CurrencyCode String currency) {
	}

}
