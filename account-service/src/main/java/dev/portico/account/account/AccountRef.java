package dev.portico.account.account;

import java.util.UUID;

/** How one account names another in responses, e.g. its parent. */
public record AccountRef(UUID accountId, String accountNumber, String name) {

	public static AccountRef of(Account account) {
		return new AccountRef(account.id(), account.accountNumber(), account.name());
	}

}
