package dev.portico.payment.processor.simulated;

/**
 * A card that passed {@link CardRules}; {@link #toString()} never shows the number or the
 * CVC.
 *
 * @param number digits only
 */
record CardDetails(String number, int expMonth, int expYear, String cvc, String holderName) {

	@Override
	public String toString() {
		return "CardDetails[number=****, expMonth=" + this.expMonth + ", expYear=" + this.expYear
				+ ", cvc=***, holderName=" + this.holderName + "]";
	}

}
