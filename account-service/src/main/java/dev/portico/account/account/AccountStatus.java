package dev.portico.account.account;

/** Lifecycle of an account; a closed account stays readable for its history. */
public enum AccountStatus {

	ACTIVE, SUSPENDED, CLOSED

}
