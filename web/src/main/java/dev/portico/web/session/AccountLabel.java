package dev.portico.web.session;

import java.io.Serializable;
import java.util.UUID;

import dev.portico.web.api.AccountsApi;

/**
 * What the header and navigation show of the account every page is about: its name,
 * number and which portal features its configuration allows. Kept in the session, so it
 * is serializable.
 */
public record AccountLabel(UUID accountId, String number, String name, boolean payments,
		boolean paymentMethods) implements Serializable {

	static AccountLabel of(AccountsApi.Overview overview) {
		return new AccountLabel(overview.accountId(), overview.accountNumber(), overview.name(),
				overview.features().payments(), overview.features().paymentMethods());
	}

}
