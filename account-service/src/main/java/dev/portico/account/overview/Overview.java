package dev.portico.account.overview;

import java.math.BigDecimal;
import java.util.UUID;

import dev.portico.account.account.AccountRef;
import dev.portico.account.account.AccountStatus;
import dev.portico.account.account.Features;
import dev.portico.account.balance.Balance;

/**
 * The first thing a customer sees: who the account is, what it owes and where it sits.
 */
record Overview(UUID accountId, String accountNumber, String name, AccountStatus status, String currency,
		BigDecimal balance, BigDecimal due, int billDay, Balance.LatestInvoice latestInvoice, AccountRef parent,
		boolean invoicedByParent, boolean hasChildren, Features features) {
}
