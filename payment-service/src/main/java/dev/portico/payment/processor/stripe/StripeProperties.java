package dev.portico.payment.processor.stripe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Stripe adapter's settings, read only when
 * {@code portico.payments.processor=stripe}.
 *
 * @param secretKey the account's secret (or restricted) API key, {@code sk_...} or
 * {@code rk_...} ({@code PORTICO_PAYMENTS_STRIPE_SECRET_KEY}, from a Secret)
 * @param webhookSecret the signing secret of the webhook endpoint, {@code whsec_...}
 * ({@code PORTICO_PAYMENTS_STRIPE_WEBHOOK_SECRET}, from a Secret); during a rotation, the
 * old and new secret separated by a comma
 * @param apiBase Stripe's API; another address only for tests
 * @param webhookTolerance how old a webhook's signed timestamp may be; older ones are
 * refused as replays
 * @param connectTimeout how long connecting to Stripe may take
 * @param readTimeout how long one call to Stripe may wait for its answer (each call is
 * bounded by the charge or lookup timeout besides)
 */
@ConfigurationProperties("portico.payments.stripe")
public record StripeProperties(String secretKey, String webhookSecret,
		@DefaultValue("https://api.stripe.com") String apiBase, @DefaultValue("5m") Duration webhookTolerance,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout) {

	/**
	 * Refuses to start with keys that cannot be Stripe's, rather than failing at the
	 * first payment.
	 */
	void check() {
		if (this.secretKey == null || !(this.secretKey.startsWith("sk_") || this.secretKey.startsWith("rk_"))) {
			throw new IllegalStateException("With the stripe processor, set portico.payments.stripe.secret-key "
					+ "(PORTICO_PAYMENTS_STRIPE_SECRET_KEY) to the account's sk_... or rk_... key");
		}
		if (this.webhookSecret == null || !this.webhookSecret.strip().startsWith("whsec_")) {
			throw new IllegalStateException("With the stripe processor, set portico.payments.stripe.webhook-secret "
					+ "(PORTICO_PAYMENTS_STRIPE_WEBHOOK_SECRET) to the webhook endpoint's whsec_... signing secret");
		}
	}

	/** The signing secrets in force: one, or two while it is being rotated. */
	java.util.List<String> webhookSecrets() {
		return java.util.Arrays.stream(this.webhookSecret.split(","))
			.map(String::strip)
			.filter((s) -> !s.isEmpty())
			.toList();
	}

	@Override
	public String toString() {
		return "StripeProperties[apiBase=" + this.apiBase + ", webhookTolerance=" + this.webhookTolerance + "]";
	}

}
