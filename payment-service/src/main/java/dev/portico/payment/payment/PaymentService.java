package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.portico.events.payment.PaymentFailed;
import dev.portico.events.payment.PaymentSucceeded;
import dev.portico.payment.config.PaymentsProperties;
import dev.portico.payment.idempotency.IdempotencyKeyReused;
import dev.portico.payment.idempotency.IdempotencyKeys;
import dev.portico.payment.idempotency.IdempotencyKeys.StoredResponse;
import dev.portico.payment.idempotency.IdempotentRequestInFlight;
import dev.portico.payment.invoices.Receivables;
import dev.portico.payment.processor.PaymentProcessor;
import dev.portico.payment.processor.PaymentProcessor.ChargeOutcome;
import dev.portico.payment.processor.ProcessorCalls;
import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.InvalidFields;
import dev.portico.platform.web.Problems;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes payments. Everything that can refuse a payment is checked before the card is
 * charged (and a refusal leaves the Idempotency-Key unused). The key, the {@code PENDING}
 * payment and the open-balance rule's check commit in one transaction under the account's
 * lock, before the charge: from then on the key is always answered from its payment,
 * whatever crashes. The outcome, its event and the answer stored for the key commit
 * together; an outcome that did not come back leaves the payment {@code UNKNOWN} for the
 * {@link Reconciler}.
 */
@Service
public class PaymentService {

	private final IdempotencyKeys keys;

	private final CardTokens tokens;

	private final Receivables receivables;

	private final PaymentRepository payments;

	private final ProcessorCalls processor;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PaymentsProperties properties;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final RefundRepository refunds;

	PaymentService(IdempotencyKeys keys, CardTokens tokens, Receivables receivables, PaymentRepository payments,
			ProcessorCalls processor, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock,
			PaymentsProperties properties, JsonMapper json, MeterRegistry meters, RefundRepository refunds) {
		this.meters = meters;
		this.refunds = refunds;
		this.keys = keys;
		this.tokens = tokens;
		this.receivables = receivables;
		this.payments = payments;
		this.processor = processor;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		this.properties = properties;
		this.json = json;
	}

	/** Pays, or answers for the payment the first request with {@code key} created. */
	StoredResponse pay(UUID accountId, String key, PaymentRequest request, String instance) {
		Phases phases = new Phases();
		String hash = request.hash();
		Optional<StoredResponse> known = answerFor(accountId, key, hash, instance);
		phases.done("lookup");
		if (known.isPresent()) {
			return known.get();
		}
		// Asked before the account's lock is taken: no lock is held across a remote call.
		Instant asked = this.clock.instant();
		Prepared prepared = prepare(accountId, request);
		phases.done("check");
		Payment payment = prepared.payment();
		boolean ours = Boolean.TRUE.equals(this.transactions.execute((status) -> {
			if (!this.keys.claim(accountId, key, hash, payment.id())) {
				return false;
			}
			this.payments.lockAccount(accountId);
			BigDecimal left = prepared.openBalance()
				.subtract(this.payments.notYetApplied(accountId, payment.currency(), asked));
			if (payment.amount().compareTo(left) > 0) {
				// Thrown inside the transaction: the key's claim is rolled back with it,
				// and stays unused.
				throw InvalidFields.of("amount",
						(left.signum() <= 0)
								? ((prepared.openBalance().signum() == 0) ? "nothing is owed on this account"
										: "payments in progress already cover what the account owes")
								: "must not exceed what the account owes, " + left.toPlainString());
			}
			this.payments.insert(payment);
			return true;
		}));
		phases.done("claim");
		if (!ours) {
			// Another request with this key committed first: answer what it did.
			return answerFor(accountId, key, hash, instance).orElseThrow(IdempotentRequestInFlight::new);
		}
		StoredResponse response = charge(payment, key, instance, phases);
		phases.done("settle");
		return response;
	}

	/**
	 * Where a payment's {@code POST} spends its time:
	 * {@code portico_payments_post_phase_seconds{phase}}, for the key's lookup, the
	 * checks (with invoice-service's open balance), the claim of the key and the pending
	 * payment, the processor's charge, and settling with its event and the stored answer.
	 * bench/payments.sh prints them.
	 */
	private final class Phases {

		private long since = System.nanoTime();

		void done(String phase) {
			long now = System.nanoTime();
			Timer.builder("portico.payments.post.phase")
				.description("Time of a payment request spent in each of its phases")
				.tag("phase", phase)
				.register(PaymentService.this.meters)
				.record(now - this.since, TimeUnit.NANOSECONDS);
			this.since = now;
		}

	}

	/**
	 * The answer to a key used before: the stored answer when final, else what its
	 * payment is now ({@code 409} only while the request that created it may still be
	 * charging it). Empty when the key is unused.
	 */
	private Optional<StoredResponse> answerFor(UUID accountId, String key, String hash, String instance) {
		Optional<IdempotencyKeys.Claim> found = this.keys.find(accountId, key);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		IdempotencyKeys.Claim claim = found.get();
		if (!claim.requestHash().equals(hash)) {
			throw new IdempotencyKeyReused();
		}
		if (claim.status() != null && claim.status() != HttpStatus.ACCEPTED.value()) {
			return Optional.of(new StoredResponse(claim.status(), claim.body()));
		}
		if (claim.paymentId() == null) {
			if (claim.status() != null) {
				return Optional.of(new StoredResponse(claim.status(), claim.body()));
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
		return Optional.of(now);
	}

	private Prepared prepare(UUID accountId, PaymentRequest request) {
		List<FieldError> errors = new ArrayList<>();
		Currency currency = null;
		try {
			currency = Currency.getInstance(request.currency());
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldError("currency", "must be an ISO 4217 currency code"));
		}
		BigDecimal amount = request.amount();
		if (amount.signum() <= 0) {
			errors.add(new FieldError("amount", "must be greater than zero"));
		}
		else if (currency != null && amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
			errors.add(new FieldError("amount", "has more decimals than " + currency.getCurrencyCode() + " allows ("
					+ currency.getDefaultFractionDigits() + ")"));
		}
		Optional<String> token = this.tokens.tokenOf(accountId, request.paymentMethodId());
		if (token.isEmpty()) {
			errors.add(new FieldError("paymentMethodId", "no such payment method on this account"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidFields(errors);
		}
		Receivables.Receivable owed = this.receivables.of(accountId, request.invoiceId());
		if (owed.currency().isPresent() && !owed.currency().get().equals(currency.getCurrencyCode())) {
			errors.add(new FieldError("currency", "must be the account's currency, " + owed.currency().get()));
		}
		if (request.invoiceId() != null && !owed.chosenInvoiceOpen().orElse(false)) {
			errors.add(new FieldError("invoiceId", "is not an open invoice of this account"));
		}
		if (amount.compareTo(owed.openBalance()) > 0) {
			errors.add(new FieldError("amount", (owed.openBalance().signum() == 0) ? "nothing is owed on this account"
					: "must not exceed what the account owes, " + owed.openBalance().toPlainString()));
		}
		if (!errors.isEmpty()) {
			throw new InvalidFields(errors);
		}
		Instant now = this.clock.instant();
		Payment payment = new Payment(UUID.randomUUID(), accountId, request.paymentMethodId(), request.invoiceId(),
				amount, currency, PaymentStatus.PENDING, null, null, now, null, token.get(), null,
				now.plus(this.properties.attemptLease()), null);
		return new Prepared(payment, owed.openBalance());
	}

	/**
	 * Charges the card and answers; the answer is stored for the key in the transaction
	 * that settles the payment, so that settling, its event and the replayable answer
	 * commit together.
	 */
	private StoredResponse charge(Payment payment, String key, String instance, Phases phases) {
		ChargeOutcome outcome;
		try {
			outcome = this.processor.charge(payment.chargeRequest());
			phases.done("charge");
		}
		catch (PaymentProcessor.OutcomeUnknown ex) {
			phases.done("charge");
			count("pending");
			StoredResponse pending = respond(HttpStatus.ACCEPTED, view(payment));
			this.transactions.executeWithoutResult((status) -> {
				this.payments.markUnknown(payment.id(), this.clock.instant());
				this.keys.complete(payment.accountId(), key, pending);
			});
			return pending;
		}
		if (outcome instanceof ChargeOutcome.ActionRequired action) {
			count("action_required");
			// The stored answer is not final: a retry with the key learns the outcome
			// once the customer confirmed.
			return this.transactions.execute((status) -> {
				awaitCustomer(payment, action);
				Payment now = this.payments.find(payment.accountId(), payment.id()).orElseThrow();
				StoredResponse response = answer(now, List.of(), instance);
				this.keys.complete(payment.accountId(), key, response);
				return response;
			});
		}
		Optional<StoredResponse> answered = settleAs(settled(payment, outcome, this.clock.instant()), (settled) -> {
			// Just settled, so not yet allocated: the allocations arrive from
			// invoice-service after this commits.
			StoredResponse response = answer(settled, List.of(), instance);
			this.keys.complete(settled.accountId(), key, response);
			return response;
		});
		if (answered.isPresent()) {
			return answered.get();
		}
		// The reconciler settled it in the meantime: answer what it is now.
		Payment now = this.payments.find(payment.accountId(), payment.id()).orElseThrow();
		StoredResponse response = answer(now, this.payments.allocations(now.id()), instance);
		this.keys.complete(payment.accountId(), key, response);
		return response;
	}

	private StoredResponse answer(Payment payment, List<PaymentRepository.Allocation> allocations, String instance) {
		if (payment.status() == PaymentStatus.FAILED) {
			String message = (payment.failureMessage() != null) ? payment.failureMessage()
					: "The payment was not taken.";
			PaymentDeclined problem = new PaymentDeclined(payment.id(), payment.failureCode(), message);
			return new StoredResponse(HttpStatus.PAYMENT_REQUIRED.value(),
					this.json.writeValueAsString(Problems.toMap(Problems.of(problem, instance))));
		}
		return respond((payment.status() == PaymentStatus.SUCCEEDED) ? HttpStatus.CREATED : HttpStatus.ACCEPTED,
				PaymentView.of(payment, allocations));
	}

	/**
	 * Records the outcome and its event in one transaction; empty when the payment was
	 * settled already (by someone else first), or when the processor says it waits for
	 * the customer, so that an outcome is applied and announced once. The one path by
	 * which the reconciler, the processor's notices and a charge's own answer settle
	 * payments.
	 */
	Optional<Payment> settle(Payment payment, ChargeOutcome outcome, Instant at) {
		if (outcome instanceof ChargeOutcome.ActionRequired action) {
			if (payment.status() != PaymentStatus.ACTION_REQUIRED) {
				this.transactions.executeWithoutResult((status) -> awaitCustomer(payment, action));
			}
			return Optional.empty();
		}
		return settleAs(settled(payment, outcome, at), Function.identity());
	}

	/**
	 * The bank wants the customer's confirmation: looked up again once the customer has
	 * had time to give it.
	 */
	private void awaitCustomer(Payment payment, ChargeOutcome.ActionRequired action) {
		this.payments.markActionRequired(payment.id(), action.chargeId(), action.clientSecret(),
				this.clock.instant().plus(this.properties.lookupBackOff()));
	}

	/**
	 * Settles a payment as found out apart from a charge's answer: by operations staff at
	 * the processor.
	 */
	Optional<Payment> settleByHand(Payment payment, PaymentStatus status, String chargeId, Instant at) {
		return settleAs(
				(status == PaymentStatus.SUCCEEDED) ? payment.settled(status, chargeId, null, null, at)
						: payment.settled(status, null, "not_charged", "The payment was not taken.", at),
				Function.identity());
	}

	private static Payment settled(Payment payment, ChargeOutcome outcome, Instant at) {
		return switch (outcome) {
			case ChargeOutcome.Charged charged ->
				payment.settled(PaymentStatus.SUCCEEDED, charged.chargeId(), null, null, at);
			case ChargeOutcome.Declined declined ->
				payment.settled(PaymentStatus.FAILED, null, declined.code(), declined.message(), at);
			case ChargeOutcome.ActionRequired action ->
				throw new IllegalArgumentException("Waiting for the customer is not an outcome");
		};
	}

	/**
	 * Settles, announces and then does {@code alsoThen} with the settled payment, all in
	 * one transaction.
	 */
	private <T> Optional<T> settleAs(Payment settled, Function<Payment, T> alsoThen) {
		return Optional.ofNullable(this.transactions.execute((status) -> {
			if (!this.payments.settle(settled)) {
				return null;
			}
			count((settled.status() == PaymentStatus.SUCCEEDED) ? "succeeded" : "failed");
			if (settled.status() == PaymentStatus.SUCCEEDED) {
				this.events.publishEvent(new PaymentSucceeded(UUID.randomUUID(), settled.settledAt(),
						settled.accountId(), PaymentSucceeded.VERSION, settled.id(), settled.amount(),
						settled.currency().getCurrencyCode(), settled.invoiceId()));
			}
			else {
				this.events.publishEvent(new PaymentFailed(UUID.randomUUID(), settled.settledAt(), settled.accountId(),
						PaymentFailed.VERSION, settled.id(), settled.amount(), settled.currency().getCurrencyCode(),
						settled.failureCode()));
			}
			return alsoThen.apply(settled);
		}));
	}

	/**
	 * {@code portico_payments_total{outcome}}: succeeded and failed once per payment when
	 * it settles (in the transaction that settles it, so a settlement lost to a race is
	 * not counted); pending each time a charge's outcome was unknown, which the
	 * reconciler later settles as one of the other two.
	 */
	private void count(String outcome) {
		this.meters.counter("portico.payments", "outcome", outcome).increment();
	}

	PaymentView view(Payment payment) {
		return PaymentView.of(payment, this.payments.allocations(payment.id()), this.refunds.ofPayment(payment.id()));
	}

	private StoredResponse respond(HttpStatus status, PaymentView view) {
		return new StoredResponse(status.value(), this.json.writeValueAsString(view));
	}

	/**
	 * @param openBalance what invoice-service said the account owes, before payments it
	 * does not count yet
	 */
	private record Prepared(Payment payment, BigDecimal openBalance) {
	}

}
