package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.portico.events.payment.PaymentFailed;
import dev.portico.events.payment.PaymentSucceeded;
import dev.portico.payment.config.PaymentsProperties;
import dev.portico.payment.invoices.Receivables;
import dev.portico.payment.processor.PaymentProcessor;
import dev.portico.payment.processor.PaymentProcessor.ChargeOutcome;
import dev.portico.payment.processor.ProcessorCalls;
import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.InvalidFields;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes payments. Everything that can refuse a payment is checked before the card is
 * charged (and a refusal leaves the attempt unclaimed). The attempt's claim, the
 * {@code PENDING} payment and the open-balance rule's check commit in one transaction
 * under the account's lock, before the charge: from then on the attempt is always
 * answered from its payment, whatever crashes. The outcome, its event and the attempt's
 * answer commit together; an outcome that did not come back leaves the payment
 * {@code UNKNOWN} for the {@link Reconciler}. What the request is answered with over
 * HTTP, and replayed for its key, is {@link IdempotentPayments}'.
 */
@Service
public class PaymentService {

	private final CardTokens tokens;

	private final Receivables receivables;

	private final PaymentRepository payments;

	private final ProcessorCalls processor;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PaymentsProperties properties;

	private final MeterRegistry meters;

	private final RefundRepository refunds;

	PaymentService(CardTokens tokens, Receivables receivables, PaymentRepository payments, ProcessorCalls processor,
			ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock,
			PaymentsProperties properties, MeterRegistry meters, RefundRepository refunds) {
		this.meters = meters;
		this.refunds = refunds;
		this.tokens = tokens;
		this.receivables = receivables;
		this.payments = payments;
		this.processor = processor;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Takes the payment {@code attempt} asks for, or nothing when another request claimed
	 * the attempt first. The payment returned is the one {@code attempt} was answered
	 * with.
	 */
	Optional<Payment> pay(UUID accountId, PaymentRequest request, PaymentAttempt attempt) {
		PostPhases phases = new PostPhases(this.meters);
		// Asked before the account's lock is taken: no lock is held across a remote call.
		Instant asked = this.clock.instant();
		Prepared prepared = prepare(accountId, request);
		phases.done("check");
		Payment payment = prepared.payment();
		boolean ours = Boolean.TRUE.equals(this.transactions.execute((status) -> {
			if (!attempt.claim(payment.id())) {
				return false;
			}
			this.payments.lockAccount(accountId);
			BigDecimal left = prepared.openBalance()
				.subtract(this.payments.notYetApplied(accountId, payment.currency(), asked));
			if (payment.amount().compareTo(left) > 0) {
				// Thrown inside the transaction: the claim is rolled back with it, and
				// the
				// key stays unused.
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
			return Optional.empty();
		}
		Payment answered = charge(payment, attempt, phases);
		phases.done("settle");
		return Optional.of(answered);
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
	 * Charges the card and answers {@code attempt}, in the transaction that settles the
	 * payment, so that settling, its event and the answer commit together.
	 */
	private Payment charge(Payment payment, PaymentAttempt attempt, PostPhases phases) {
		ChargeOutcome outcome;
		try {
			outcome = this.processor.charge(payment.chargeRequest());
			phases.done("charge");
		}
		catch (PaymentProcessor.OutcomeUnknown ex) {
			phases.done("charge");
			count("pending");
			this.transactions.executeWithoutResult((status) -> {
				this.payments.markUnknown(payment.id(), this.clock.instant());
				attempt.answered(payment, List.of());
			});
			return payment;
		}
		if (outcome instanceof ChargeOutcome.ActionRequired action) {
			count("action_required");
			// The answer is not final: a retry with the key learns the outcome once the
			// customer confirmed.
			return this.transactions.execute((status) -> {
				awaitCustomer(payment, action);
				Payment now = this.payments.find(payment.accountId(), payment.id()).orElseThrow();
				attempt.answered(now, List.of());
				return now;
			});
		}
		Optional<Payment> answered = settleAs(settled(payment, outcome, this.clock.instant()), (settled) -> {
			// Just settled, so not yet allocated: the allocations arrive from
			// invoice-service after this commits.
			attempt.answered(settled, List.of());
			return settled;
		});
		if (answered.isPresent()) {
			return answered.get();
		}
		// The reconciler settled it in the meantime: answer what it is now.
		Payment now = this.payments.find(payment.accountId(), payment.id()).orElseThrow();
		attempt.answered(now, this.payments.allocations(now.id()));
		return now;
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

	/**
	 * @param openBalance what invoice-service said the account owes, before payments it
	 * does not count yet
	 */
	private record Prepared(Payment payment, BigDecimal openBalance) {
	}

}
