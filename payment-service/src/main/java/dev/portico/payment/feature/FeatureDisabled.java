package dev.portico.payment.feature;

import java.util.Map;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * The account's portal configuration has the feature switched off; the client names it
 * from {@code feature}.
 */
public class FeatureDisabled extends PortalException {

	private final Feature feature;

	public FeatureDisabled(Feature feature) {
		super(HttpStatus.FORBIDDEN, "feature-disabled", "Feature disabled",
				feature.displayName() + " are not enabled for this account.");
		this.feature = feature;
	}

	public Feature feature() {
		return this.feature;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("feature", this.feature.key());
	}

}
