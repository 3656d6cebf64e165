package dev.portico.account.packages;

import java.time.LocalDate;
import java.util.UUID;

import dev.portico.platform.money.Money;

/**
 * A package (subscription) of an account: what it is charged every billing period from
 * {@code startDate}.
 */
public record AccountPackage(UUID id, UUID accountId, String name, PackageStatus status, LocalDate startDate,
		Money recurringCharge) {

	public AccountPackage {
		if (recurringCharge.isNegative()) {
			throw new IllegalArgumentException("A recurring charge is never negative");
		}
	}

}
