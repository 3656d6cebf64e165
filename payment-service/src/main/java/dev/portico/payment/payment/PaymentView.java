package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.portico.platform.money.Money;

/**
 * A payment as clients see it; {@code allocations} fill in once invoice-service has
 * applied it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PaymentView(UUID paymentId, @Schema(allowableValues = {
		"PENDING", "SUCCEEDED", "FAILED" }) PaymentStatus status, BigDecimal amount, String currency, UUID invoiceId,
		UUID paymentMethodId, String failureCode, Instant createdAt, Instant settledAt,
		List<AllocationView> allocations, NextAction nextAction, BigDecimal refundedAmount,
		List<RefundSummary> refunds){

	/**
	 * Money given back from the payment; {@code status} PENDING while the processor's
	 * answer is awaited.
	 */
	record RefundSummary(UUID refundId, BigDecimal amount, @Schema(allowableValues = {
			"PENDING", "SUCCEEDED", "FAILED" }) Refund.RefundStatus status, Instant createdAt){
	}

	record AllocationView(UUID invoiceId, String invoiceNumber, BigDecimal amount) {
	}

	/**
	 * What the customer must do before the payment can go on: confirm it with their bank
	 * (3-D Secure). The page or app hands {@code clientSecret} to the processor's SDK
	 * (or, with the simulated processor, to its bank page), then reads the payment again
	 * until it is no longer {@code PENDING}.
	 */
	record NextAction(@Schema(allowableValues = {
			"CONFIRM_WITH_BANK" }) String type, String clientSecret){

		static final String CONFIRM_WITH_BANK = "CONFIRM_WITH_BANK";

	}

	static PaymentView of(Payment payment, List<PaymentRepository.Allocation> allocations) {
		return of(payment, allocations, List.of());
	}

	static PaymentView of(Payment payment, List<PaymentRepository.Allocation> allocations, List<Refund> refunds) {
		BigDecimal refunded = refunds.stream()
			.filter((refund) -> refund.status() == Refund.RefundStatus.SUCCEEDED)
			.map(Refund::amount)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return new PaymentView(payment.id(), payment.status().shown(),
				new Money(payment.amount(), payment.currency()).amount(), payment.currency().getCurrencyCode(),
				payment.invoiceId(), payment.paymentMethodId(), payment.failureCode(), payment.createdAt(),
				payment.settledAt(),
				allocations.stream()
					.map((allocation) -> new AllocationView(allocation.invoiceId(), allocation.invoiceNumber(),
							new Money(allocation.amount(), payment.currency()).amount()))
					.toList(),
				(payment.status() == PaymentStatus.ACTION_REQUIRED && payment.actionSecret() != null)
						? new NextAction(NextAction.CONFIRM_WITH_BANK, payment.actionSecret()) : null,
				refunds.isEmpty() ? null : new Money(refunded, payment.currency()).amount(),
				refunds.isEmpty() ? null
						: refunds.stream()
							.map((refund) -> new RefundSummary(refund.id(),
									new Money(refund.amount(), payment.currency()).amount(), refund.status().shown(),
									refund.createdAt()))
							.toList());
	}

}
