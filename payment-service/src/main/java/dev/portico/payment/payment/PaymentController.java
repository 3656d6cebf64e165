package dev.portico.payment.payment;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.portico.payment.feature.Feature;
import dev.portico.payment.feature.RequiresFeature;
import dev.portico.payment.idempotency.IdempotencyKeys.StoredResponse;
import dev.portico.platform.money.Money;
import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.InvalidFields;
import dev.portico.platform.web.ResultPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's payments. Access to the account is checked by the platform, the payments
 * feature before anything else here.
 */
@RestController
@RequiresFeature(Feature.PAYMENTS)
class PaymentController {

	static final int MAX_KEY_LENGTH = 255;

	static final int MAX_PAGE_SIZE = 200;

	private final PaymentService service;

	private final PaymentRepository payments;

	private final IdempotentPayments idempotent;

	private final Validator validator;

	PaymentController(PaymentService service, PaymentRepository payments, IdempotentPayments idempotent,
			Validator validator) {
		this.service = service;
		this.payments = payments;
		this.idempotent = idempotent;
		this.validator = validator;
	}

	@Operation(summary = "Pay: a chosen invoice first, or the oldest open invoices",
			description = "Requires an Idempotency-Key header: the same key and body replay the first answer, the same "
					+ "key with another body is 422, a key whose first request is still running is 409. 201 when "
					+ "charged, 202 (PENDING) when the processor's answer was lost and reconciliation settles it, 402 "
					+ "when declined (with paymentId).")
	@PostMapping("/api/accounts/{accountId}/payments")
	ResponseEntity<String> pay(@PathVariable UUID accountId,
			@Parameter(
					description = "a client-generated unique key per payment, at most 255 characters") @RequestHeader(
							name = "Idempotency-Key", required = false) String key,
			@RequestBody PaymentRequest request, HttpServletRequest http) {
		if (key == null || key.isBlank()) {
			throw new MissingIdempotencyKey(
					"Send an Idempotency-Key header, unique per payment, so that a retry " + "never pays twice.");
		}
		if (key.length() > MAX_KEY_LENGTH) {
			throw new MissingIdempotencyKey("The Idempotency-Key must be at most " + MAX_KEY_LENGTH + " characters.");
		}
		validate(request);
		IdempotentPayments.Answer paid = this.idempotent.pay(accountId, key, request, http.getRequestURI());
		StoredResponse response = paid.response();
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.status())
			.contentType((response.status() >= 400) ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
		if (response.status() < 300 && paid.paymentId() != null) {
			answer.location(URI.create("/api/accounts/" + accountId + "/payments/" + paid.paymentId()));
		}
		return answer.body(response.body());
	}

	@Operation(summary = "An account's payments, newest first, with where each was applied")
	@GetMapping("/api/accounts/{accountId}/payments")
	ResultPage<PaymentView> list(@PathVariable UUID accountId,
			@RequestParam(defaultValue = "0") @Min(0) @Max(Integer.MAX_VALUE / MAX_PAGE_SIZE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
		long total = this.payments.count(accountId);
		List<PaymentView> content = ((long) page * size < total)
				? this.payments.page(accountId, page, size).stream().map(this.service::view).toList() : List.of();
		return ResultPage.of(content, page, size, total);
	}

	@Operation(summary = "One payment, with its current status")
	@GetMapping("/api/accounts/{accountId}/payments/{paymentId}")
	PaymentView payment(@PathVariable UUID accountId, @PathVariable UUID paymentId) {
		return this.service.view(this.payments.find(accountId, paymentId).orElseThrow(PaymentNotFound::new));
	}

	/**
	 * Before anything else looks at the amount: its bounds are what keep
	 * {@code 1E+999999999} from being expanded.
	 */
	private void validate(PaymentRequest request) {
		Set<ConstraintViolation<PaymentRequest>> violations = this.validator.validate(request);
		List<FieldError> errors = new ArrayList<>(violations.stream()
			.map((violation) -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
			.toList());
		String amountProblem = (request.amount() != null) ? Money.outOfBounds(request.amount()) : null;
		if (amountProblem != null) {
			errors.add(new FieldError("amount", amountProblem));
		}
		if (!errors.isEmpty()) {
			errors.sort(Comparator.comparing(FieldError::field));
			throw new InvalidFields(errors);
		}
	}

}
