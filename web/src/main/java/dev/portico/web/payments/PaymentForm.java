package dev.portico.web.payments;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The Make Payment form as posted. {@code idempotencyKey} is made once when the form is
 * first shown and travels with it to the confirmation and the payment, so a double click
 * or a resubmitted form is one payment.
 *
 * @param amount what the customer typed
 * @param invoiceId the invoice to pay first, or {@code null} to pay the oldest open ones
 * @param method a saved method's id, or {@code "new"} for the card form below
 * @param processorToken with {@code "new"}: the processor's token for the card the card
 * form sent it (the card itself never comes here)
 */
public record PaymentForm(String amount, UUID invoiceId, String method, String idempotencyKey, String processorToken) {

	/**
	 * A new form, its amount written as the reader writes numbers ({@code 12,50} in
	 * Germany).
	 */
	static PaymentForm start(BigDecimal amount, UUID invoiceId, String method) {
		return new PaymentForm(AmountInput.show(amount, LocaleContextHolder.getLocale()), invoiceId, method,
				UUID.randomUUID().toString(), null);
	}

	boolean newCard() {
		return "new".equals(this.method);
	}

	/** The same form without the card's token: a form shown again gets the card anew. */
	PaymentForm withoutCard() {
		return new PaymentForm(this.amount, this.invoiceId, this.method, this.idempotencyKey, null);
	}

	PaymentForm withMethod(UUID paymentMethodId) {
		return new PaymentForm(this.amount, this.invoiceId, paymentMethodId.toString(), this.idempotencyKey, null);
	}

	@Override
	public String toString() {
		return "PaymentForm[amount=" + this.amount + ", invoiceId=" + this.invoiceId + ", method=" + this.method + "]";
	}

}
