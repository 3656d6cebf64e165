package dev.portico.payment.processor.simulated;

/**
 * A card as typed into the simulator's card form, which plays the processor's own: real
 * processors take the card in their browser element or mobile SDK, and Portico only ever
 * sees the token that comes back.
 *
 * @param cardNumber digits, optionally grouped by spaces or dashes
 */
record CardForm(String cardNumber, Integer expMonth, Integer expYear, String cvc, String holderName) {

	/**
	 * Spring logs request bodies at debug level; the number and CVC must not go with
	 * them.
	 */
	@Override
	public String toString() {
		return "CardForm[cardNumber=****, expMonth=" + this.expMonth + ", expYear=" + this.expYear
				+ ", cvc=***, holderName=" + this.holderName + "]";
	}

}
