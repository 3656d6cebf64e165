package dev.portico.payment.method;

/**
 * A card to save, as the processor's token for it: the card itself went from the
 * customer's browser or app straight to the processor. A card number or CVC sent here is
 * refused as an unknown field.
 *
 * @param processorToken what the processor's card element or mobile SDK returned, e.g.
 * {@code pm_...}
 * @param makeDefault whether the card becomes the account's default; an account's first
 * card always does
 */
record AddPaymentMethodRequest(String processorToken, Boolean makeDefault) {

	/** The token charges the card once attached, so it stays out of logs. */
	@Override
	public String toString() {
		return "AddPaymentMethodRequest[processorToken=***, makeDefault=" + this.makeDefault + "]";
	}

}
