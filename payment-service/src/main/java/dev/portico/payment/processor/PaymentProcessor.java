package dev.portico.payment.processor;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

/**
 * The card processor, as payment-service needs it. Cards reach it from the customer's
 * browser or app, never through us: what we get is the processor's token for a card,
 * which we attach to the account, charge, refund and detach. Which processor is set by
 * {@code portico.payments.processor}: {@code simulated} (local runs and tests) or
 * {@code stripe}.
 */
public interface PaymentProcessor {

	/**
	 * What the customer's browser or app needs to collect a card for the account with the
	 * processor's own component, before it has a token: with Stripe a SetupIntent's
	 * client secret (the card is confirmed, with 3-D Secure if its bank asks, and kept
	 * for the account's customer); empty when the processor's card form needs nothing
	 * from us.
	 * @throws OutcomeUnknown when the processor did not answer
	 */
	Optional<String> prepareCardSetup(UUID accountId);

	/**
	 * Keeps the card behind {@code token} for the account at the processor and tells what
	 * it is.
	 * @throws TokenRefused when the processor does not know the token or it belongs to
	 * someone else
	 * @throws OutcomeUnknown when the processor did not answer
	 */
	SavedCard attach(UUID accountId, String token);

	/** Records a renewed card's expiry at the processor. */
	void updateExpiry(String token, int expMonth, int expYear);

	/**
	 * Lets go of a card the customer removed; a card the processor no longer knows is no
	 * error.
	 */
	void detach(String token);

	/**
	 * Charges {@code request.token()}. {@code request.reference()} is ours (the payment
	 * id) and makes the charge idempotent at the processor: the same reference never
	 * charges twice.
	 * @throws OutcomeUnknown when the request may have reached the processor but no
	 * answer came back
	 */
	ChargeOutcome charge(ChargeRequest request);

	/** What the processor did with {@code reference}; empty when it never charged it. */
	Optional<ChargeOutcome> lookup(String reference);

	/**
	 * Withdraws the charge of {@code reference} while it waits for the customer's
	 * confirmation, and tells its final outcome: declined when withdrawn, charged when
	 * the customer confirmed just before.
	 * @throws OutcomeUnknown when the processor did not answer
	 */
	ChargeOutcome cancel(String reference);

	/**
	 * Gives back part or all of a charge. {@code request.reference()} is ours (the refund
	 * id) and makes the refund idempotent at the processor.
	 * @throws OutcomeUnknown when the request may have reached the processor but no
	 * answer came back
	 */
	RefundOutcome refund(RefundRequest request);

	/**
	 * @param accountId whose card it is: the processor keeps cards per customer, one per
	 * account
	 */
	record ChargeRequest(String reference, UUID accountId, String token, BigDecimal amount, Currency currency) {
	}

	/**
	 * @param chargeId the processor's id of the charge, as {@link ChargeOutcome.Charged}
	 * gave it
	 */
	record RefundRequest(String reference, String chargeId, BigDecimal amount, Currency currency) {
	}

	/**
	 * What we keep of a card besides its token, as the processor tells it (not as a
	 * client claims it).
	 */
	record SavedCard(String brand, String last4, int expMonth, int expYear, String holderName) {
	}

	sealed interface ChargeOutcome {

		/** The money was taken. */
		record Charged(String chargeId) implements ChargeOutcome {
		}

		/**
		 * The processor refused.
		 *
		 * @param code stable decline code, e.g. {@code card_declined},
		 * {@code insufficient_funds}
		 * @param message for the customer
		 */
		record Declined(String code, String message) implements ChargeOutcome {
		}

		/**
		 * The card's bank wants the customer to confirm (3-D Secure). The customer's page
		 * or app completes it with {@code clientSecret}; the processor then tells the
		 * outcome (a webhook, or a lookup).
		 *
		 * @param chargeId the processor's id of the attempt
		 * @param clientSecret what the processor's browser or mobile SDK needs to show
		 * the bank's challenge
		 */
		record ActionRequired(String chargeId, String clientSecret) implements ChargeOutcome {
		}

	}

	sealed interface RefundOutcome {

		record Refunded(String refundId) implements RefundOutcome {
		}

		/**
		 * @param message for operations staff
		 */
		record Refused(String code, String message) implements RefundOutcome {
		}

	}

	/**
	 * The charge may or may not have happened; reconciliation asks {@link #lookup} later.
	 */
	class OutcomeUnknown extends RuntimeException {

		public OutcomeUnknown(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * The processor will not keep this token for this account; the message is fit for the
	 * customer.
	 */
	class TokenRefused extends RuntimeException {

		public TokenRefused(String message) {
			super(message);
		}

	}

}
