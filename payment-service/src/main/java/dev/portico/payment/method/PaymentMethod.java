package dev.portico.payment.method;

import java.time.Instant;
import java.util.UUID;

/**
 * A saved card, as far as we keep it: the processor's token stands for the card, brand
 * and last four digits let the customer recognise it. The number and CVC are never part
 * of it.
 */
record PaymentMethod(UUID id, UUID accountId, String processorToken, String brand, String last4, int expMonth,
		int expYear, String holderName, boolean isDefault, Instant createdAt) {

	/** The token charges the card, so it stays out of logs too. */
	@Override
	public String toString() {
		return "PaymentMethod[id=" + this.id + ", accountId=" + this.accountId + ", brand=" + this.brand + ", last4="
				+ this.last4 + ", expMonth=" + this.expMonth + ", expYear=" + this.expYear + ", isDefault="
				+ this.isDefault + "]";
	}

}
