package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.portico.platform.money.Money;

/** A payment as clients see it; {@code allocations} fill in once invoice-service has applied it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PaymentView(UUID paymentId,
		@Schema(allowableValues = { "PENDING", "SUCCEEDED", "FAILED" }) PaymentStatus status, BigDecimal amount, String currency, UUID invoiceId,
		UUID paymentMethodId, String failureCode, Instant createdAt, Instant settledAt,
		List<AllocationView> allocations) {

	record AllocationView(UUID invoiceId, String invoiceNumber, BigDecimal amount) {
	}

	static PaymentView of(Payment payment, List<PaymentRepository.Allocation> allocations) {
		return new PaymentView(payment.id(), payment.status().shown(), new Money(payment.amount(), payment.currency()).amount(),
				payment.currency().getCurrencyCode(), payment.invoiceId(), payment.paymentMethodId(),
				payment.failureCode(), payment.createdAt(), payment.settledAt(),
				allocations.stream()
					.map((allocation) -> new AllocationView(allocation.invoiceId(), allocation.invoiceNumber(),
							new Money(allocation.amount(), payment.currency()).amount()))
					.toList());
	}

}
