package dev.portico.account.packages;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A package as the API shows it. */
public record PackageView(UUID packageId, String name, PackageStatus status, LocalDate startDate,
		BigDecimal recurringCharge, String currency) {

	static PackageView of(AccountPackage p) {
		return new PackageView(p.id(), p.name(), p.status(), p.startDate(), p.recurringCharge().amount(),
				p.recurringCharge().currency().getCurrencyCode());
	}

}
