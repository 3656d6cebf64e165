package dev.portico.payment.processor;

import dev.portico.payment.processor.PaymentProcessor.ChargeOutcome;

/**
 * The processor let us know that the charge of {@code reference} has moved on (a webhook,
 * or the simulator's bank page). Whoever settles payments settles it now, through the
 * same path as the reconciler, rather than at its next lookup: with {@code outcome} when
 * the notice told it, else by looking it up.
 *
 * @param outcome what the processor said became of the charge; null to look it up
 */
public record ProcessorNotice(String reference, ChargeOutcome outcome) {

	public static ProcessorNotice lookUp(String reference) {
		return new ProcessorNotice(reference, null);
	}

}
