package dev.portico.payment.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.portico.payment.config.PaymentsProperties;
import dev.portico.payment.processor.PaymentProcessor;
import dev.portico.payment.processor.PaymentProcessor.ChargeOutcome;
import dev.portico.payment.processor.ProcessorCalls;
import dev.portico.payment.processor.ProcessorNotice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles payments whose outcome is unknown: a charge that timed out, a request that
 * crashed before or during its charge. It asks the processor what became of the payment's
 * reference; when the processor never saw it, it charges under that same reference, which
 * the processor charges at most once whoever else sends it. An unknown payment is never
 * failed for want of an answer: without one it stays unknown, asked again later (backing
 * off), until the processor answers or operations staff resolve it by hand
 * ({@link UnknownPaymentsController}).
 * <p>
 * Each round takes its payments with a short update (their next lookup pushed back is its
 * lease on them) and asks the processor with no transaction open, so no row lock is held
 * across a remote call; replicas share the work.
 */
@Component
class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private static final int BATCH = 50;

	private final PaymentRepository payments;

	private final PaymentService service;

	private final ProcessorCalls processor;

	private final Clock clock;

	private final PaymentsProperties properties;

	private final Counter settled;

	private final AtomicLong unknown = new AtomicLong();

	private final AtomicLong oldestUnknownSeconds = new AtomicLong();

	Reconciler(PaymentRepository payments, PaymentService service, ProcessorCalls processor, Clock clock,
			PaymentsProperties properties, ObjectProvider<MeterRegistry> meters) {
		this.payments = payments;
		this.service = service;
		this.processor = processor;
		this.clock = clock;
		this.properties = properties;
		MeterRegistry registry = meters.getIfAvailable();
		this.settled = (registry != null) ? Counter.builder("portico.payments.reconciled")
			.description("Unknown payments settled by the reconciler")
			.register(registry) : null;
		if (registry != null) {
			Gauge.builder("portico.payments.unknown", this.unknown, AtomicLong::get)
				.description("Payments whose outcome the processor has not told yet")
				.register(registry);
			Gauge.builder("portico.payments.unknown.oldest.seconds", this.oldestUnknownSeconds, AtomicLong::get)
				.description("Age of the oldest unknown payment")
				.baseUnit("seconds")
				.register(registry);
		}
	}

	@Scheduled(fixedDelayString = "${portico.payments.reconcile-every:2s}")
	void reconcileOrWait() {
		try {
			reconcile();
		}
		catch (DataAccessException ex) {
			// The database is away: nothing was taken, the next round tries again.
			log.warn("Reconciling payments failed, trying again in {}: {}", this.properties.reconcileEvery(),
					ex.getMessage());
		}
	}

	void reconcile() {
		Instant now = this.clock.instant();
		// The lease covers a lookup and a charge that both run out of time, so no other
		// replica asks meanwhile.
		Duration lease = this.properties.lookupTimeout().plus(this.properties.chargeTimeout()).plusSeconds(1);
		for (Payment payment : this.payments.takeDue(now, BATCH, this.properties.lookupBackOff(),
				this.properties.lookupMaxBackOff(), lease)) {
			settle(payment);
		}
		PaymentRepository.UnknownPayments left = this.payments.countUnknown(this.clock.instant());
		this.unknown.set(left.count());
		this.oldestUnknownSeconds
			.set((left.oldest() != null) ? Duration.between(left.oldest(), this.clock.instant()).toSeconds() : 0);
	}

	/**
	 * The processor told us a charge moved on: settled now rather than at its next
	 * lookup.
	 */
	@EventListener
	void onNotice(ProcessorNotice notice) {
		UUID paymentId;
		try {
			paymentId = UUID.fromString(notice.reference());
		}
		catch (IllegalArgumentException ex) {
			log.warn("A processor notice names no payment of ours: {}", notice.reference());
			return;
		}
		Optional<Payment> unsettled = this.payments.find(paymentId)
			.filter((payment) -> payment.status() != PaymentStatus.SUCCEEDED
					&& payment.status() != PaymentStatus.FAILED);
		if (unsettled.isEmpty()) {
			// Settled already (a notice told twice, or after a lookup): applied once.
			return;
		}
		if (notice.outcome() == null) {
			settle(unsettled.get());
			return;
		}
		this.service.settle(unsettled.get(), notice.outcome(), this.clock.instant())
			.ifPresent((settledPayment) -> log.info("Payment {} of account {} settled by the processor's notice: {}",
					settledPayment.id(), settledPayment.accountId(), settledPayment.status()));
	}

	private void settle(Payment payment) {
		String reference = payment.id().toString();
		ChargeOutcome outcome;
		try {
			Optional<ChargeOutcome> known = this.processor.lookup(reference);
			if (known.isEmpty() && payment.processorToken() == null) {
				// Never charged, and nothing to charge with (a payment of an earlier
				// version whose card is gone).
				this.service.settleByHand(payment, PaymentStatus.FAILED, null, this.clock.instant());
				return;
			}
			outcome = known.isPresent() ? known.get() : this.processor.charge(payment.chargeRequest());
			if (outcome instanceof ChargeOutcome.ActionRequired
					&& payment.createdAt().plus(this.properties.actionTimeout()).isBefore(this.clock.instant())) {
				// The customer left the bank's challenge unanswered: withdrawn, unless
				// confirmed in the meantime.
				outcome = this.processor.cancel(reference);
			}
		}
		catch (PaymentProcessor.OutcomeUnknown ex) {
			log.info("Payment {} of account {} is still unknown: {}", payment.id(), payment.accountId(),
					ex.getMessage());
			return;
		}
		this.service.settle(payment, outcome, this.clock.instant()).ifPresent((settledPayment) -> {
			log.info("Reconciled payment {} of account {}: {}", settledPayment.id(), settledPayment.accountId(),
					settledPayment.status());
			if (this.settled != null) {
				this.settled.increment();
			}
		});
	}

}
