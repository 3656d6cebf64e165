package dev.portico.payment.payment;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.portico.payment.config.PaymentsProperties;
import dev.portico.payment.idempotency.IdempotencyKeyReused;
import dev.portico.payment.idempotency.IdempotencyKeys;
import dev.portico.payment.idempotency.IdempotencyKeys.StoredResponse;
import dev.portico.payment.idempotency.IdempotentRequestInFlight;
import dev.portico.platform.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Payments by {@code Idempotency-Key}: a key used before is answered with what its first
 * request answered (or, while that answer is not final, with what its payment is now); an
 * unused one takes the payment through {@link PaymentService}, which claims the key and
 * stores the answer sent inside its own transactions. The answers are HTTP answers,
 * status and JSON body, because they are replayed as they were sent.
 */
@Component
class IdempotentPayments {

	private final PaymentService service;

	private final IdempotencyKeys keys;

	private final PaymentRepository payments;

	private final PaymentsProperties properties;

	private final Clock clock;

	private final JsonMapper json;

	private final MeterRegistry meters;

	IdempotentPayments(PaymentService service, IdempotencyKeys keys, PaymentRepository payments,
			PaymentsProperties properties, Clock clock, JsonMapper json, MeterRegistry meters) {
		this.service = service;
		this.keys = keys;
		this.payments = payments;
		this.properties = properties;
		this.clock = clock;
		this.json = json;
		this.meters = meters;
	}

	/** Pays, or answers for the payment the first request with {@code key} created. */
	Answer pay(UUID accountId, String key, PaymentRequest request, String instance) {
		PostPhases phases = new PostPhases(this.meters);
		String hash = request.hash();
		Optional<Answer> known = answerFor(accountId, key, hash, instance);
		phases.done("lookup");
		if (known.isPresent()) {
			return known.get();
		}
		KeyAttempt attempt = new KeyAttempt(accountId, key, hash, instance);
		Optional<Payment> paid = this.service.pay(accountId, request, attempt);
		if (paid.isEmpty()) {
			// Another request with this key committed first: answer what it did.
			return answerFor(accountId, key, hash, instance).orElseThrow(IdempotentRequestInFlight::new);
		}
		if (attempt.answer == null) {
			throw new IllegalStateException("Payment " + paid.get().id() + " was taken without an answer");
		}
		return new Answer(paid.get().id(), attempt.answer);
	}

	/**
	 * The answer to a key used before: the stored answer when final, else what its
	 * payment is now ({@code 409} only while the request that created it may still be
	 * charging it). Empty when the key is unused.
	 */
	private Optional<Answer> answerFor(UUID accountId, String key, String hash, String instance) {
		Optional<IdempotencyKeys.Claim> found = this.keys.find(accountId, key);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		IdempotencyKeys.Claim claim = found.get();
		if (!claim.requestHash().equals(hash)) {
			throw new IdempotencyKeyReused();
		}
		if (claim.status() != null && claim.status() != HttpStatus.ACCEPTED.value()) {
			return Optional.of(new Answer(claim.paymentId(), new StoredResponse(claim.status(), claim.body())));
		}
		if (claim.paymentId() == null) {
			if (claim.status() != null) {
				return Optional.of(new Answer(null, new StoredResponse(claim.status(), claim.body())));
			}
			if (claim.createdAt().plus(this.properties.attemptLease()).isAfter(this.clock.instant())) {
				throw new IdempotentRequestInFlight();
			}
			this.keys.releaseOrphan(accountId, key);
			return Optional.empty();
		}
		Payment payment = this.payments.find(accountId, claim.paymentId()).orElseThrow(IdempotentRequestInFlight::new);
		if (payment.attemptLive(this.clock.instant())) {
			throw new IdempotentRequestInFlight();
		}
		// A pending answer is not final: a retry learns the outcome once it is known.
		StoredResponse now = answer(payment, this.payments.allocations(payment.id()), instance);
		if (now.status() != HttpStatus.ACCEPTED.value()) {
			this.keys.complete(accountId, key, now);
		}
		return Optional.of(new Answer(payment.id(), now));
	}

	/**
	 * {@code 201} when charged, {@code 402} with the decline as a problem, {@code 202}
	 * while the outcome is not known yet.
	 */
	private StoredResponse answer(Payment payment, List<PaymentRepository.Allocation> allocations, String instance) {
		if (payment.status() == PaymentStatus.FAILED) {
			String message = (payment.failureMessage() != null) ? payment.failureMessage()
					: "The payment was not taken.";
			PaymentDeclined problem = new PaymentDeclined(payment.id(), payment.failureCode(), message);
			return new StoredResponse(HttpStatus.PAYMENT_REQUIRED.value(),
					this.json.writeValueAsString(Problems.toMap(Problems.of(problem, instance))));
		}
		HttpStatus status = (payment.status() == PaymentStatus.SUCCEEDED) ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
		return new StoredResponse(status.value(), this.json.writeValueAsString(PaymentView.of(payment, allocations)));
	}

	/**
	 * What a payment request is answered with.
	 *
	 * @param paymentId the payment it is about; null only for answers an earlier version
	 * stored apart from their payment
	 */
	record Answer(UUID paymentId, StoredResponse response) {
	}

	/** One request's key: claimed with its payment, and its answer stored with it. */
	private final class KeyAttempt implements PaymentAttempt {

		private final UUID accountId;

		private final String key;

		private final String hash;

		private final String instance;

		private StoredResponse answer;

		KeyAttempt(UUID accountId, String key, String hash, String instance) {
			this.accountId = accountId;
			this.key = key;
			this.hash = hash;
			this.instance = instance;
		}

		@Override
		public boolean claim(UUID paymentId) {
			return IdempotentPayments.this.keys.claim(this.accountId, this.key, this.hash, paymentId);
		}

		@Override
		public void answered(Payment payment, List<PaymentRepository.Allocation> allocations) {
			this.answer = answer(payment, allocations, this.instance);
			IdempotentPayments.this.keys.complete(this.accountId, this.key, this.answer);
		}

	}

}
