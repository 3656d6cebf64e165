package dev.portico.account.packages;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import dev.portico.account.account.Account;
import dev.portico.account.account.AccountService;
import dev.portico.platform.web.InvalidFields;
import dev.portico.platform.money.Money;
import dev.portico.events.account.PackageAdded;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Packages of an account; adding one publishes {@code PackageAdded} in the same
 * transaction.
 */
@Service
public class PackageService {

	private final PackageRepository packages;

	private final AccountService accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PackageService(PackageRepository packages, AccountService accounts, ApplicationEventPublisher events, Clock clock) {
		this.packages = packages;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Adds a package charged in the account's currency: a package in another currency
	 * could never appear on the account's invoices.
	 */
	@Transactional
	AccountPackage add(UUID accountId, String name, LocalDate startDate, BigDecimal recurringCharge,
			Currency currency) {
		Account account = this.accounts.get(accountId);
		if (currency != null && !currency.equals(account.currency())) {
			throw InvalidFields.of("currency",
					"must be the account's currency (" + account.currency().getCurrencyCode() + ")");
		}
		AccountPackage added = new AccountPackage(UUID.randomUUID(), accountId, name.strip(), PackageStatus.ACTIVE,
				startDate, new Money(recurringCharge, account.currency()));
		Instant now = this.clock.instant();
		this.packages.insert(added, now);
		this.events.publishEvent(new PackageAdded(UUID.randomUUID(), now, accountId, PackageAdded.VERSION, added.id(),
				added.name(), added.startDate(), added.recurringCharge().amount(),
				added.recurringCharge().currency().getCurrencyCode()));
		return added;
	}

	public List<PackageView> packagesOf(UUID accountId) {
		return this.packages.findByAccount(accountId).stream().map(PackageView::of).toList();
	}

	PackageView get(UUID accountId, UUID packageId) {
		return this.packages.find(accountId, packageId).map(PackageView::of).orElseThrow(NoSuchPackage::new);
	}

}
