package dev.portico.web.payments;

import java.util.UUID;

import dev.portico.web.api.PaymentsApi;
import dev.portico.web.config.PortalProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * With Stripe, each page that takes a new card gets a SetupIntent of the account's
 * customer, which Stripe's card element confirms (with 3-D Secure if the card's bank
 * asks) before the page posts its PaymentMethod id. The simulator's card form needs none.
 */
@Component
class CardSetups {

	private static final Logger log = LoggerFactory.getLogger(CardSetups.class);

	private final PaymentsApi payments;

	private final boolean stripe;

	CardSetups(PaymentsApi payments, PortalProperties properties) {
		this.payments = payments;
		this.stripe = properties.stripe();
	}

	/**
	 * The SetupIntent's client secret; null with the simulator, or when Stripe could not
	 * be asked (the element then creates the PaymentMethod itself).
	 */
	String secretFor(UUID accountId) {
		if (!this.stripe) {
			return null;
		}
		try {
			return this.payments.setup(accountId).clientSecret();
		}
		catch (RestClientException ex) {
			log.warn("No card setup for account {}: {}", accountId, ex.getMessage());
			return null;
		}
	}

}
