package dev.portico.events.account;

/** The topic of everything account-service publishes about accounts. */
public final class AccountsTopic {

	public static final String NAME = "accounts.v1";

	private AccountsTopic() {
	}

}
