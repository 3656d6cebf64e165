package dev.portico.account.profile;

import java.util.Currency;
import java.util.UUID;

import dev.portico.account.account.Account;
import dev.portico.account.account.AccountRef;
import dev.portico.account.account.AccountService.OpeningRequest;
import dev.portico.account.account.AccountService;
import dev.portico.account.account.Features;
import dev.portico.account.packages.PackageService;
import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * Profiles: an account with its packages and its parent, for reading, opening and
 * patching.
 */
@Service
class ProfileService {

	private final AccountService accounts;

	private final PackageService packages;

	private final Validator validator;

	ProfileService(AccountService accounts, PackageService packages, Validator validator) {
		this.accounts = accounts;
		this.packages = packages;
		this.validator = validator;
	}

	Profile profile(UUID accountId) {
		return profile(this.accounts.get(accountId));
	}

	Profile open(OpenAccount request) {
		Account opened = this.accounts.open(new OpeningRequest(request.name(), Currency.getInstance(request.currency()),
				request.billDay(), request.parentId(), Boolean.TRUE.equals(request.invoicedByParent()),
				request.contact(), request.billingAddress(),
				new Features(request.features().payments(), request.features().paymentMethods())));
		return profile(opened);
	}

	Profile patch(UUID accountId, JsonNode patch) {
		ContactDetailsPatch change = ContactDetailsPatch.parse(patch, this.validator);
		return profile(this.accounts.changeContactDetails(accountId, change));
	}

	private Profile profile(Account account) {
		AccountRef parent = (account.parentId() != null)
				? this.accounts.find(account.parentId()).map(AccountRef::of).orElse(null) : null;
		return new Profile(account.id(), account.accountNumber(), account.name(), account.status(),
				account.currency().getCurrencyCode(), account.billDay(), account.contact(), account.billingAddress(),
				this.packages.packagesOf(account.id()), parent, account.invoicedByParent());
	}

}
