package dev.portico.invoice.issue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What ops send to issue an invoice. {@code subtotal}, {@code tax}, {@code total} and
 * each line's {@code amount} may be left out and are then computed; when sent they must
 * agree with what is computed. {@code tax} is computed from {@code taxRate} when that is
 * given, and is zero when neither is.
 *
 * @param accountId the account charged; when its parent is invoiced for it, the invoice
 * goes to the parent
 */
record IssueInvoiceRequest(@NotNull UUID accountId, @NotNull LocalDate issueDate, @NotNull LocalDate dueDate,
		@NotNull LocalDate periodStart, @NotNull LocalDate periodEnd, @NotBlank @Size(min = 3, max = 3) String currency,
		@NotEmpty @Size(max = IssueInvoiceRequest.MAX_LINES) List<@NotNull @Valid Line> lines,
		@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) @Digits(integer = 1,
				fraction = 6) BigDecimal taxRate,
		@Digits(integer = 15, fraction = 4) BigDecimal subtotal, @Digits(integer = 15, fraction = 4) BigDecimal tax,
		@Digits(integer = 15, fraction = 4) BigDecimal total) {

	static final int MAX_LINES = 1000;

	/**
	 * @param chargedAccountId the account the charge is for, when not {@code accountId}
	 * itself: another account invoiced to the same payer
	 */
	record Line(@NotBlank @Size(max = 500) String description, @NotBlank @Size(max = 200) String product,
			UUID chargedAccountId, @NotNull @Digits(integer = 12, fraction = 6) BigDecimal quantity,
			@NotNull @Digits(integer = 12, fraction = 6) BigDecimal unitPrice,
			@Digits(integer = 15, fraction = 4) BigDecimal amount) {
	}

}
