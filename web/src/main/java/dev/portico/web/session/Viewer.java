package dev.portico.web.session;

import java.util.UUID;

/**
 * Who is looking, and at which account: their own, or one below it that they switched to.
 *
 * @param username the login name
 * @param ownAccountId the account their login is linked to ({@code null} for a login
 * linked to none, such as ops)
 * @param account the account the pages show ({@code null} only when there is none)
 * @param canChangeAccount whether there are accounts below the login's own to change to
 */
public record Viewer(String username, UUID ownAccountId, AccountLabel account, boolean canChangeAccount) {

	public boolean hasAccount() {
		return this.account != null;
	}

	/** Whether the page shows another account than the login's own. */
	public boolean onOtherAccount() {
		return this.account != null && !this.account.accountId().equals(this.ownAccountId);
	}

	/** Whether the shown account's configuration lets its customers keep cards. */
	public boolean paymentMethods() {
		return this.account != null && this.account.paymentMethods();
	}

	public UUID accountId() {
		return (this.account != null) ? this.account.accountId() : null;
	}

}
