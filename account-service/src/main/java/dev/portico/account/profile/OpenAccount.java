package dev.portico.account.profile;

import java.util.UUID;

import dev.portico.account.account.BillingAddress;
import dev.portico.account.account.Contact;
import dev.portico.account.account.CurrencyCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/accounts}. Its shape is checked here (422 per field); the
 * rules that need the parent are checked when the account is opened.
 */
record OpenAccount(@NotBlank @Size(max = 200) String name, @NotNull @CurrencyCode String currency,
		@NotNull @Min(1) @Max(28) Integer billDay, UUID parentId, Boolean invoicedByParent,
		@NotNull @Valid Contact contact, @NotNull @Valid BillingAddress billingAddress,
		@NotNull @Valid FeatureSwitches features) {

	/** Both switches must be given: a provider decides them, none is assumed. */
	record FeatureSwitches(@NotNull Boolean payments, @NotNull Boolean paymentMethods) {
	}

}
