package dev.portico.payment.method;

import dev.portico.payment.processor.PaymentProcessor.CardDetails;

/**
 * A card that passed {@link CardRules}, on its way to the processor.
 *
 * @param number digits only
 */
record NewCard(String number, int expMonth, int expYear, String cvc, String holderName, boolean makeDefault) {

	CardDetails details() {
		return new CardDetails(this.number, this.expMonth, this.expYear, this.cvc, this.holderName);
	}

	@Override
	public String toString() {
		return "NewCard[number=****, expMonth=" + this.expMonth + ", expYear=" + this.expYear + ", cvc=***, holderName="
				+ this.holderName + ", makeDefault=" + this.makeDefault + "]";
	}

}
