package dev.portico.payment.processor;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * The processor says how much of a charge it has given back in all (a webhook): refunds
 * made at the processor itself (its dashboard) are recorded from the difference to what
 * Portico knows of.
 *
 * @param noticeId the processor's id of the notice, which keeps a refund learnt from it
 * recorded once
 * @param chargeId the processor's id of the charge, as
 * {@link PaymentProcessor.ChargeOutcome.Charged} gave it
 * @param refundedInAll what the processor has given back of the charge so far
 */
public record ProcessorRefund(String noticeId, String chargeId, BigDecimal refundedInAll, Currency currency) {

}
