package dev.portico.account.balance;

import java.util.Currency;
import java.util.UUID;

import dev.portico.platform.money.Money;

/**
 * What an account owes, as last published by invoice-service: {@code balance} on all
 * issued invoices less unapplied credit, {@code due} the part of it due today or earlier.
 * {@code latestInvoice} is {@code null} before the first.
 */
public record Balance(UUID accountId, Money balance, Money due, LatestInvoice latestInvoice) {

	public Balance {
		if (!balance.currency().equals(due.currency())) {
			throw new IllegalArgumentException("Balance and due must be in one currency");
		}
	}

	/** An account nothing was ever invoiced to. */
	public static Balance zero(UUID accountId, Currency currency) {
		return new Balance(accountId, Money.zero(currency), Money.zero(currency), null);
	}

	public record LatestInvoice(UUID invoiceId, String number) {
	}

}
