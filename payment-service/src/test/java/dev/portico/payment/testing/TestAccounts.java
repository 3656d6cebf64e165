package dev.portico.payment.testing;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.portico.payment.feature.Feature;
import dev.portico.platform.security.access.AccountLineage;
import dev.portico.platform.security.access.AccountLineages;
import dev.portico.platform.security.access.TestHierarchy;

/**
 * The accounts payment-service's tests work with, standing in for account-service behind
 * {@link AccountLineages}: where each account sits (for the platform's access check) and
 * which portal features it has. The HTTP side of the port is exercised against the real
 * account-service in {@code e2e}.
 */
public class TestAccounts implements AccountLineages {

	private final TestHierarchy hierarchy = new TestHierarchy();

	/** A root account with exactly these features switched on. */
	public UUID add(Feature... enabled) {
		return this.hierarchy.add(null, features(List.of(enabled)));
	}

	/** An account below {@code parent}, with the parent's features. */
	public UUID child(UUID parent) {
		return this.hierarchy.add(parent);
	}

	/** An account below {@code parent}, with exactly these features switched on. */
	public UUID child(UUID parent, Feature... enabled) {
		return this.hierarchy.add(parent, features(List.of(enabled)));
	}

	/**
	 * Switches features on, as the provider would in account-service; effective on the
	 * next request.
	 */
	public void enable(UUID accountId, Feature... features) {
		Set<Feature> now = switchedOn(accountId);
		now.addAll(List.of(features));
		this.hierarchy.features(accountId, features(now));
	}

	public void disable(UUID accountId, Feature... features) {
		Set<Feature> now = switchedOn(accountId);
		now.removeAll(List.of(features));
		this.hierarchy.features(accountId, features(now));
	}

	@Override
	public Optional<AccountLineage> find(UUID accountId) {
		return this.hierarchy.find(accountId);
	}

	private Set<Feature> switchedOn(UUID accountId) {
		AccountLineage.Features features = this.hierarchy.features(accountId);
		Set<Feature> on = EnumSet.noneOf(Feature.class);
		if (features.payments()) {
			on.add(Feature.PAYMENTS);
		}
		if (features.paymentMethods()) {
			on.add(Feature.PAYMENT_METHODS);
		}
		return on;
	}

	private static AccountLineage.Features features(Iterable<Feature> enabled) {
		boolean payments = false;
		boolean paymentMethods = false;
		for (Feature feature : enabled) {
			payments |= feature == Feature.PAYMENTS;
			paymentMethods |= feature == Feature.PAYMENT_METHODS;
		}
		return new AccountLineage.Features(payments, paymentMethods);
	}

}
