package dev.portico.payment.feature;

import java.util.UUID;

import dev.portico.platform.security.AccountNotFound;
import dev.portico.platform.security.access.AccountLineages;

import org.springframework.stereotype.Component;

/**
 * Which portal features an account has, as account-service knows them. The lineage is the
 * one the access check has just looked up (and cached), so asking here costs no extra
 * call in the common case.
 */
@Component
public class PortalFeatures {

	private final AccountLineages lineages;

	PortalFeatures(AccountLineages lineages) {
		this.lineages = lineages;
	}

	/**
	 * @throws FeatureDisabled when the account has {@code feature} switched off
	 * @throws AccountNotFound when there is no such account
	 */
	public void require(UUID accountId, Feature feature) {
		if (!isEnabled(accountId, feature)) {
			throw new FeatureDisabled(feature);
		}
	}

	/**
	 * @throws AccountNotFound when there is no such account
	 */
	public boolean isEnabled(UUID accountId, Feature feature) {
		return this.lineages.find(accountId)
			.map((lineage) -> feature.isOn(lineage.features()))
			.orElseThrow(AccountNotFound::new);
	}

}
