package dev.portico.payment.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.portico.platform.security.OpsOnly;
import dev.portico.platform.web.InvalidFields;
import dev.portico.platform.web.PortalException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations' view of the payments whose outcome is unknown, and the way to resolve one
 * by hand once the processor's own records (its dashboard, its support) have said what
 * became of it. See the runbook in OPERATIONS.md.
 */
@RestController
@OpsOnly
class UnknownPaymentsController {

	private static final Logger log = LoggerFactory.getLogger(UnknownPaymentsController.class);

	private final PaymentRepository payments;

	private final PaymentService service;

	private final Clock clock;

	UnknownPaymentsController(PaymentRepository payments, PaymentService service, Clock clock) {
		this.payments = payments;
		this.service = service;
		this.clock = clock;
	}

	@Operation(summary = "Payments whose outcome is unknown, oldest first (ops)")
	@GetMapping("/api/ops/payments/unknown")
	List<UnknownPayment> unknown(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.payments.unknown(this.clock.instant(), limit)
			.stream()
			.map((payment) -> new UnknownPayment(payment.accountId(), this.service.view(payment)))
			.toList();
	}

	@Operation(summary = "Resolve an unknown payment by hand, as the processor's records say (ops)",
			description = "SUCCEEDED needs the processor's chargeId; FAILED means the processor holds no charge for "
					+ "the payment's reference. The outcome is applied and announced like the reconciler's; a payment "
					+ "already settled is 409.")
	@PostMapping("/api/ops/payments/{paymentId}/resolution")
	UnknownPayment resolve(@PathVariable UUID paymentId, @RequestBody Resolution resolution) {
		if (resolution.status() == null || resolution.status() == PaymentStatus.PENDING
				|| resolution.status() == PaymentStatus.UNKNOWN) {
			throw InvalidFields.of("status", "must be SUCCEEDED or FAILED");
		}
		if (resolution.reason() == null || resolution.reason().isBlank() || resolution.reason().length() > 200) {
			throw InvalidFields.of("reason", "must say, in at most 200 characters, what the processor's records show");
		}
		if (resolution.status() == PaymentStatus.SUCCEEDED && (resolution.chargeId() == null
				|| resolution.chargeId().isBlank() || resolution.chargeId().length() > 100)) {
			throw InvalidFields.of("chargeId", "must be the processor's id of the charge, at most 100 characters");
		}
		Payment payment = this.payments.find(paymentId).orElseThrow(PaymentNotFound::new);
		Instant now = this.clock.instant();
		if (payment.attemptLive(now) || payment.status() == PaymentStatus.SUCCEEDED
				|| payment.status() == PaymentStatus.FAILED) {
			throw new NotUnknown(payment, now);
		}
		Payment settled = this.service.settleByHand(payment, resolution.status(), resolution.chargeId(), now)
			.orElseThrow(() -> new NotUnknown(this.payments.find(paymentId).orElseThrow(), now));
		log.info("Payment {} of account {} resolved by hand as {}: {}", settled.id(), settled.accountId(),
				settled.status(), resolution.reason());
		return new UnknownPayment(settled.accountId(), this.service.view(settled));
	}

	record UnknownPayment(UUID accountId, PaymentView payment) {
	}

	/**
	 * @param reason what the processor's records show; logged with the resolution
	 */
	record Resolution(PaymentStatus status, String chargeId, String reason) {
	}

	static final class NotUnknown extends PortalException {

		NotUnknown(Payment payment, Instant now) {
			super(HttpStatus.CONFLICT, "payment-not-unknown", "Payment not unknown", "The payment is "
					+ (payment.attemptLive(now) ? "still being charged by its request" : payment.status().name())
					+ "; only an unknown payment is resolved by hand.");
		}

	}

}
