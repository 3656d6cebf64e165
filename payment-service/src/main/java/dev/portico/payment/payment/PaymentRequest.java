package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * What a customer sends to pay; {@code invoiceId} absent pays the oldest open invoices
 * first.
 */
record PaymentRequest(@NotNull BigDecimal amount, @NotBlank String currency, @NotNull UUID paymentMethodId,
		UUID invoiceId) {

	/**
	 * The hash an Idempotency-Key is bound to: of the request's meaning, so that
	 * {@code "10.0"} and {@code "10.00"} are the same request.
	 */
	String hash() {
		String canonical = this.amount.stripTrailingZeros().toPlainString() + "|" + this.currency + "|"
				+ this.paymentMethodId + "|" + this.invoiceId;
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
