package dev.portico.payment.feature;

import java.util.function.Predicate;

import dev.portico.platform.security.access.AccountLineage;

/**
 * A portal feature that a provider switches on or off per account (the account's portal
 * configuration).
 */
public enum Feature {

	PAYMENTS("payments", "Payments", AccountLineage.Features::payments),

	PAYMENT_METHODS("paymentMethods", "Payment methods", AccountLineage.Features::paymentMethods);

	private final String key;

	private final String displayName;

	private final Predicate<AccountLineage.Features> switchedOn;

	Feature(String key, String displayName, Predicate<AccountLineage.Features> switchedOn) {
		this.key = key;
		this.displayName = displayName;
		this.switchedOn = switchedOn;
	}

	/**
	 * The name of the switch in the account overview's {@code features}, e.g.
	 * {@code paymentMethods}.
	 */
	public String key() {
		return this.key;
	}

	/** How a customer reads it, e.g. "Payment methods". */
	public String displayName() {
		return this.displayName;
	}

	boolean isOn(AccountLineage.Features features) {
		return this.switchedOn.test(features);
	}

}
