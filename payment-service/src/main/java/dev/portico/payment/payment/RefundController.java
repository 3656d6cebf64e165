package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.platform.money.Money;
import dev.portico.platform.security.OpsOnly;
import dev.portico.platform.web.InvalidFields;
import dev.portico.platform.web.PortalException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations staff refund a succeeded payment, in full or in part. See the runbook in
 * OPERATIONS.md.
 */
@RestController
@OpsOnly
class RefundController {

	static final int MAX_REASON = 200;

	private final RefundService refunds;

	private final RefundRepository repository;

	RefundController(RefundService refunds, RefundRepository repository) {
		this.refunds = refunds;
		this.repository = repository;
	}

	@Operation(summary = "Refund a succeeded payment, in full or in part (ops)",
			description = "Requires an Idempotency-Key: the same key replays the refund it made, with another amount "
					+ "it is 422. Send {amount?, reason?}; without an amount, all that is left to refund. 201 when "
					+ "refunded, 202 while the processor's answer is awaited, 422 when the amount exceeds what is left "
					+ "or the processor refused (refund-refused, with refundId), 409 when the payment did not succeed "
					+ "or is refunded in full.")
	@PostMapping("/api/ops/payments/{paymentId}/refunds")
	ResponseEntity<RefundView> refund(@PathVariable UUID paymentId,
			@Parameter(description = "unique per refund, at most 255 characters") @RequestHeader(
					name = "Idempotency-Key", required = false) String key,
			@RequestBody(required = false) RefundRequest request) {
		if (key == null || key.isBlank() || key.length() > PaymentController.MAX_KEY_LENGTH) {
			throw new MissingIdempotencyKey(
					"Send an Idempotency-Key header of at most " + PaymentController.MAX_KEY_LENGTH
							+ " characters, unique per refund, so that a retry never " + "refunds twice.");
		}
		RefundRequest body = (request != null) ? request : new RefundRequest(null, null);
		if (body.amount() != null && Money.outOfBounds(body.amount()) != null) {
			throw InvalidFields.of("amount", Money.outOfBounds(body.amount()));
		}
		if (body.reason() != null && body.reason().length() > MAX_REASON) {
			throw InvalidFields.of("reason", "must be at most " + MAX_REASON + " characters");
		}
		Refund refund = this.refunds.refund(paymentId, key, body.amount(), body.reason());
		if (refund.status() == Refund.RefundStatus.FAILED) {
			throw new RefundRefused(refund);
		}
		return ResponseEntity
			.status((refund.status() == Refund.RefundStatus.SUCCEEDED) ? HttpStatus.CREATED : HttpStatus.ACCEPTED)
			.location(URI.create("/api/ops/payments/" + paymentId + "/refunds"))
			.body(RefundView.of(refund));
	}

	@Operation(summary = "A payment's refunds, oldest first (ops)")
	@GetMapping("/api/ops/payments/{paymentId}/refunds")
	List<RefundView> list(@PathVariable UUID paymentId) {
		return this.repository.ofPayment(paymentId).stream().map(RefundView::of).toList();
	}

	record RefundRequest(BigDecimal amount, String reason) {
	}

	record RefundView(UUID refundId, UUID paymentId, BigDecimal amount, String currency, Refund.RefundStatus status,
			String reason, String origin, String failureCode, String failureMessage, Instant createdAt,
			Instant settledAt) {

		static RefundView of(Refund refund) {
			return new RefundView(refund.id(), refund.paymentId(),
					new Money(refund.amount(), refund.currency()).amount(), refund.currency().getCurrencyCode(),
					refund.status().shown(), refund.reason(), refund.origin(), refund.failureCode(),
					refund.failureMessage(), refund.createdAt(), refund.settledAt());
		}

	}

	/**
	 * The processor refused the refund; it is recorded as failed and the money stays
	 * where it is.
	 */
	static class RefundRefused extends PortalException {

		private final Refund refund;

		RefundRefused(Refund refund) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, "refund-refused", "Refund refused",
					"The processor refused the refund: "
							+ ((refund.failureMessage() != null) ? refund.failureMessage() : refund.failureCode()));
			this.refund = refund;
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("refundId", this.refund.id().toString(), "failureCode",
					String.valueOf(this.refund.failureCode()));
		}

	}

}
