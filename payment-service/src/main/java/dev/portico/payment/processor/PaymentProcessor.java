package dev.portico.payment.processor;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/**
 * The card processor, as payment-service needs it: turn a card into a token once, charge a token, and tell what
 * became of a charge whose answer was lost. The only place a full card number passes through; it is never stored
 * or logged on our side.
 */
public interface PaymentProcessor {

	/** Exchanges the card for a reusable token; the number and CVC go no further than this call. */
	CardToken tokenize(CardDetails card);

	/**
	 * Charges {@code request.token()}. {@code request.reference()} is ours (the payment id) and makes the charge
	 * idempotent at the processor: the same reference never charges twice.
	 *
	 * @throws OutcomeUnknown when the request may have reached the processor but no answer came back
	 */
	ChargeOutcome charge(ChargeRequest request);

	/** What the processor did with {@code reference}; empty when it never charged it. */
	Optional<ChargeOutcome> lookup(String reference);

	record ChargeRequest(String reference, String token, BigDecimal amount, Currency currency) {
	}

	/** A card as the customer typed it; {@link #toString()} never shows the number or the CVC. */
	record CardDetails(String number, int expMonth, int expYear, String cvc, String holderName) {

		@Override
		public String toString() {
			return "CardDetails[number=****, expMonth=" + this.expMonth + ", expYear=" + this.expYear
					+ ", cvc=***, holderName=" + this.holderName + "]";
		}

	}

	/** What we keep of a card: the processor's token, the brand and the last four digits. */
	record CardToken(String token, String brand, String last4) {
	}

	sealed interface ChargeOutcome {

		/** The money was taken. */
		record Charged(String chargeId) implements ChargeOutcome {
		}

		/**
		 * The processor refused.
		 *
		 * @param code stable decline code, e.g. {@code card_declined}, {@code insufficient_funds}
		 * @param message for the customer
		 */
		record Declined(String code, String message) implements ChargeOutcome {
		}

	}

	/** The charge may or may not have happened; reconciliation asks {@link #lookup} later. */
	class OutcomeUnknown extends RuntimeException {

		public OutcomeUnknown(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
