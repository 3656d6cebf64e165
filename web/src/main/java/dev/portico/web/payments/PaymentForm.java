package dev.portico.web.payments;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The Make Payment form as posted. {@code idempotencyKey} is made once when the form is first shown and travels with
 * it to the confirmation and the payment, so a double click or a resubmitted form is one payment.
 *
 * @param amount what the customer typed
 * @param invoiceId the invoice to pay first, or {@code null} to pay the oldest open ones
 * @param method a saved method's id, or {@code "new"} for the card fields below
 */
public record PaymentForm(String amount, UUID invoiceId, String method, String idempotencyKey, String cardNumber,
		String expMonth, String expYear, String cvc, String holderName) {

	/** A new form, its amount written as the reader writes numbers ({@code 12,50} in Germany). */
	static PaymentForm start(BigDecimal amount, UUID invoiceId, String method) {
		return new PaymentForm(AmountInput.show(amount, LocaleContextHolder.getLocale()), invoiceId, method,
				UUID.randomUUID().toString(), null, null, null, null, null);
	}

	boolean newCard() {
		return "new".equals(this.method);
	}

	/** The same form without the card's number and code, which are never sent back to the browser. */
	PaymentForm withoutCard() {
		return new PaymentForm(this.amount, this.invoiceId, this.method, this.idempotencyKey, null, this.expMonth,
				this.expYear, null, this.holderName);
	}

	PaymentForm withMethod(UUID paymentMethodId) {
		return new PaymentForm(this.amount, this.invoiceId, paymentMethodId.toString(), this.idempotencyKey, null,
				null, null, null, null);
	}

	@Override
	public String toString() {
		return "PaymentForm[amount=" + this.amount + ", invoiceId=" + this.invoiceId + ", method=" + this.method + "]";
	}

}
