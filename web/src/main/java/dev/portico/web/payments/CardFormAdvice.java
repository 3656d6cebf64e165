package dev.portico.web.payments;

import dev.portico.web.config.PortalProperties;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * {@code card} in the model of the pages that take a card: whose card form to mount, and
 * where it sends the card.
 */
@ControllerAdvice(assignableTypes = { PaymentsController.class, PaymentMethodsController.class })
class CardFormAdvice {

	private final CardForm card;

	CardFormAdvice(PortalProperties properties) {
		this.card = new CardForm(properties.cardProcessor(), properties.stripePublishableKey(),
				"/api/payment-simulator/tokens", "/api/payment-simulator/confirmations");
	}

	@ModelAttribute("card")
	CardForm card() {
		return this.card;
	}

	/**
	 * @param processor {@code simulated} or {@code stripe}
	 * @param tokensUrl the simulator's card form, through the gateway (simulated only)
	 * @param confirmationsUrl the simulator's bank page for 3-D Secure, through the
	 * gateway (simulated only)
	 */
	record CardForm(String processor, String publishableKey, String tokensUrl, String confirmationsUrl) {
	}

}
