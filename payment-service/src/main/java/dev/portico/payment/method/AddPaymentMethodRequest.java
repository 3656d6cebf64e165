package dev.portico.payment.method;

/**
 * A card as the customer typed it. Checked by {@link CardRules} rather than by annotations, so that every field at
 * fault is reported at once, including the rules that depend on another field or on today's date.
 *
 * @param cardNumber digits, optionally grouped by spaces or dashes
 * @param makeDefault whether the card becomes the account's default; an account's first card always does
 */
record AddPaymentMethodRequest(String cardNumber, Integer expMonth, Integer expYear, String cvc, String holderName,
		Boolean makeDefault) {

	/** Spring logs request bodies at debug level; the number and CVC must not go with them. */
	@Override
	public String toString() {
		return "AddPaymentMethodRequest[cardNumber=****, expMonth=" + this.expMonth + ", expYear=" + this.expYear
				+ ", cvc=***, holderName=" + this.holderName + ", makeDefault=" + this.makeDefault + "]";
	}

}
