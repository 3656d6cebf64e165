package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.portico.events.payment.PaymentFailed;
import dev.portico.events.payment.PaymentSucceeded;
import dev.portico.payment.config.PaymentsProperties;
import dev.portico.payment.idempotency.IdempotencyKeys;
import dev.portico.payment.idempotency.IdempotencyKeys.StoredResponse;
import dev.portico.payment.invoices.Receivables;
import dev.portico.payment.processor.PaymentProcessor;
import dev.portico.payment.processor.PaymentProcessor.ChargeOutcome;
import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.InvalidFields;
import dev.portico.platform.web.Problems;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes payments. Everything that can refuse a payment is checked before the card is charged (and a refusal gives
 * the Idempotency-Key back); the payment row is committed as {@code PENDING} before the charge, so that a crash or a
 * lost answer leaves something for the reconciler to settle; the outcome, its event and the answer stored for the
 * Idempotency-Key commit together.
 */
@Service
public class PaymentService {

	private final IdempotencyKeys keys;

	private final CardTokens tokens;

	private final Receivables receivables;

	private final PaymentRepository payments;

	private final PaymentProcessor processor;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PaymentsProperties properties;

	private final JsonMapper json;

	private final ExecutorService charges = Executors.newVirtualThreadPerTaskExecutor();

	private final MeterRegistry meters;

	PaymentService(IdempotencyKeys keys, CardTokens tokens, Receivables receivables, PaymentRepository payments,
			PaymentProcessor processor, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock,
			PaymentsProperties properties, JsonMapper json, MeterRegistry meters) {
		this.meters = meters;
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

	/** Pays, or replays the answer of the first request with {@code key}. */
	StoredResponse pay(UUID accountId, String key, PaymentRequest request, String instance) {
		Optional<StoredResponse> replay = this.keys.claim(accountId, key, request.hash());
		if (replay.isPresent()) {
			return replay.get();
		}
		Prepared prepared;
		try {
			prepared = prepare(accountId, request);
			this.payments.insert(prepared.payment());
		}
		catch (RuntimeException ex) {
			this.keys.release(accountId, key);
			throw ex;
		}
		try {
			return charge(prepared, key, instance);
		}
		catch (RuntimeException ex) {
			// The payment exists and may be charged: whatever failed here, the reconciler settles it, and the key
			// answers what the payment is rather than staying in flight forever.
			this.keys.complete(accountId, key, respond(HttpStatus.ACCEPTED, view(prepared.payment())));
			throw ex;
		}
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
			errors.add(new FieldError("amount",
					"has more decimals than " + currency.getCurrencyCode() + " allows (" + currency.getDefaultFractionDigits() + ")"));
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
		Payment payment = new Payment(UUID.randomUUID(), accountId, request.paymentMethodId(), request.invoiceId(),
				amount, currency, PaymentStatus.PENDING, null, null, this.clock.instant(), null);
		return new Prepared(payment, token.get());
	}

	/**
	 * Charges the card and answers; the answer is stored for the key in the transaction that settles the payment, so
	 * that settling, its event and the replayable answer commit together.
	 */
	private StoredResponse charge(Prepared prepared, String key, String instance) {
		Payment payment = prepared.payment();
		ChargeOutcome outcome;
		try {
			outcome = chargeWithin(new PaymentProcessor.ChargeRequest(payment.id().toString(), prepared.token(),
					payment.amount(), payment.currency()));
		}
		catch (PaymentProcessor.OutcomeUnknown ex) {
			count("pending");
			StoredResponse pending = respond(HttpStatus.ACCEPTED, view(payment));
			this.keys.complete(payment.accountId(), key, pending);
			return pending;
		}
		Optional<StoredResponse> answered = settleAs(settled(payment, outcome, this.clock.instant()), (settled) -> {
			// Just settled, so not yet allocated: the allocations arrive from invoice-service after this commits.
			StoredResponse response = answer(settled, outcome, List.of(), instance);
			this.keys.complete(settled.accountId(), key, response);
			return response;
		});
		if (answered.isPresent()) {
			return answered.get();
		}
		// The reconciler settled it in the meantime: answer what it is now.
		Payment now = this.payments.find(payment.accountId(), payment.id()).orElseThrow();
		StoredResponse response = answer(now, outcome, this.payments.allocations(now.id()), instance);
		this.keys.complete(payment.accountId(), key, response);
		return response;
	}

	private StoredResponse answer(Payment payment, ChargeOutcome outcome, List<PaymentRepository.Allocation> allocations,
			String instance) {
		if (payment.status() == PaymentStatus.FAILED) {
			String message = (outcome instanceof ChargeOutcome.Declined declined) ? declined.message()
					: "The payment was not taken.";
			PaymentDeclined problem = new PaymentDeclined(payment.id(), payment.failureCode(), message);
			return new StoredResponse(HttpStatus.PAYMENT_REQUIRED.value(),
					this.json.writeValueAsString(Problems.toMap(Problems.of(problem, instance))));
		}
		return respond((payment.status() == PaymentStatus.SUCCEEDED) ? HttpStatus.CREATED : HttpStatus.ACCEPTED,
				PaymentView.of(payment, allocations));
	}

	/** The processor's answer within {@code chargeTimeout}; later than that, the outcome counts as unknown. */
	private ChargeOutcome chargeWithin(PaymentProcessor.ChargeRequest request) {
		CompletableFuture<ChargeOutcome> charge = CompletableFuture.supplyAsync(() -> this.processor.charge(request),
				this.charges);
		try {
			return charge.get(this.properties.chargeTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new PaymentProcessor.OutcomeUnknown("No answer within " + this.properties.chargeTimeout(), ex);
		}
		catch (ExecutionException ex) {
			// Whether the request reached the processor is not known from here: the reconciler asks.
			throw new PaymentProcessor.OutcomeUnknown("The processor call failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PaymentProcessor.OutcomeUnknown("Interrupted while charging", ex);
		}
	}

	/**
	 * Records the outcome and its event in one transaction; empty when the payment was no longer pending (settled
	 * by someone else first), so that an outcome is applied and announced once.
	 */
	Optional<Payment> settle(Payment payment, ChargeOutcome outcome, Instant at) {
		return settleAs(settled(payment, outcome, at), Function.identity());
	}

	/** Settles a payment the processor never charged. */
	Optional<Payment> settleNotCharged(Payment payment, Instant at) {
		return settleAs(payment.settled(PaymentStatus.FAILED, null, "not_charged", at), Function.identity());
	}

	private static Payment settled(Payment payment, ChargeOutcome outcome, Instant at) {
		return switch (outcome) {
			case ChargeOutcome.Charged charged -> payment.settled(PaymentStatus.SUCCEEDED, charged.chargeId(), null, at);
			case ChargeOutcome.Declined declined -> payment.settled(PaymentStatus.FAILED, null, declined.code(), at);
		};
	}

	/** Settles, announces and then does {@code alsoThen} with the settled payment, all in one transaction. */
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
	 * {@code portico_payments_total{outcome}}: succeeded and failed once per payment when it settles (in the
	 * transaction that settles it, so a settlement lost to a race is not counted); pending each time a charge's
	 * outcome was unknown, which the reconciler later settles as one of the other two.
	 */
	private void count(String outcome) {
		this.meters.counter("portico.payments", "outcome", outcome).increment();
	}

	PaymentView view(Payment payment) {
		return PaymentView.of(payment, this.payments.allocations(payment.id()));
	}

	private StoredResponse respond(HttpStatus status, PaymentView view) {
		return new StoredResponse(status.value(), this.json.writeValueAsString(view));
	}

	private record Prepared(Payment payment, String token) {
	}

}
