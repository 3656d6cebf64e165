package dev.portico.web.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the web app finds the API and Keycloak, and who it is to Keycloak.
 *
 * @param apiUrl the gateway, which every API call goes through (never a service directly)
 * @param issuerUri the {@code portal} realm exactly as its tokens name it; browsers are
 * sent there to log in
 * @param clientId the web app's own confidential client
 * @param clientSecret its secret ({@code PORTICO_PORTAL_CLIENT_SECRET}), required (the
 * local run sets the development realm's)
 * @param keycloakBaseUrl where the web app itself reaches Keycloak (token, keys, user
 * info) when that is not the browser-facing address of the issuer, e.g.
 * {@code http://keycloak:8080} inside a cluster; unset: the issuer's
 * @param cardProcessor whose card form the pages mount: {@code simulated} (its form posts
 * the card to the simulator's tokens endpoint through the gateway) or {@code stripe}
 * (Stripe's card element); the same setting as payment-service's
 * ({@code PORTICO_PAYMENTS_PROCESSOR})
 * @param stripePublishableKey the publishable key Stripe's card element needs in the
 * browser ({@code PORTICO_PAYMENTS_STRIPE_PUBLISHABLE_KEY}); not a secret
 */
@ConfigurationProperties("portico.portal")
public record PortalProperties(URI apiUrl, String issuerUri, String clientId, String clientSecret,
		String keycloakBaseUrl, @DefaultValue("simulated") String cardProcessor, String stripePublishableKey) {

	/**
	 * Where Stripe's browser script and its frames come from, as the page's policy must
	 * allow them.
	 */
	public static final String STRIPE_JS = "https://js.stripe.com";

	public PortalProperties {
		if (clientSecret == null || clientSecret.isBlank()) {
			// No default: a deployment that forgot it does not start rather than run with
			// a value everyone knows.
			throw new IllegalArgumentException(
					"portico.portal.client-secret is not set: set PORTICO_PORTAL_CLIENT_SECRET "
							+ "to the secret of the realm's portico-web client");
		}
		if (!"simulated".equals(cardProcessor) && !"stripe".equals(cardProcessor)) {
			throw new IllegalArgumentException(
					"portico.portal.card-processor must be simulated or stripe, not " + cardProcessor);
		}
		if ("stripe".equals(cardProcessor) && (stripePublishableKey == null || stripePublishableKey.isBlank())) {
			throw new IllegalArgumentException(
					"With the stripe card processor, set portico.portal.stripe-publishable-key "
							+ "(PORTICO_PAYMENTS_STRIPE_PUBLISHABLE_KEY)");
		}
	}

	public boolean stripe() {
		return "stripe".equals(this.cardProcessor);
	}

	/** The realm's address as the web app calls it server to server. */
	public String backChannelRealmUri() {
		if (this.keycloakBaseUrl == null || this.keycloakBaseUrl.isBlank()) {
			return this.issuerUri;
		}
		URI issuer = URI.create(this.issuerUri);
		return this.keycloakBaseUrl.replaceAll("/$", "") + issuer.getRawPath();
	}

	/**
	 * Keycloak's origin, the one place besides the gateway that pages send the browser
	 * to.
	 */
	public String issuerOrigin() {
		URI issuer = URI.create(this.issuerUri);
		return issuer.getScheme() + "://" + issuer.getAuthority();
	}

}
