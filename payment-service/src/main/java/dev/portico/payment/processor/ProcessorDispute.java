package dev.portico.payment.processor;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * The customer's bank disputes a charge (a chargeback): the money is held back from the
 * provider until the dispute is settled, which operations staff answer at the processor.
 *
 * @param chargeId the processor's id of the charge, as
 * {@link PaymentProcessor.ChargeOutcome.Charged} gave it
 */
public record ProcessorDispute(String disputeId, String chargeId, BigDecimal amount, Currency currency, String reason,
		String status) {

}
