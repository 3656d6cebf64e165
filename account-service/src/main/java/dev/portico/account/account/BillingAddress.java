package dev.portico.account.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Where invoices are addressed; {@code line2}, {@code region} and {@code postalCode} are
 * optional.
 */
public record BillingAddress(@NotBlank @Size(max = 200) String line1, @Size(max = 200) String line2,
		@NotBlank @Size(max = 100) String city, @Size(max = 100) String region, @Size(max = 20) String postalCode,
		@NotNull @CountryCode String country) {
}
