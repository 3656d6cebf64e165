package dev.portico.payment.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.portico.payment.config.PaymentsProperties;
import dev.portico.payment.processor.PaymentProcessor;
import dev.portico.payment.processor.PaymentProcessor.ChargeOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles payments whose charge had no answer, by asking the processor what it did with their reference. It never
 * charges: a reference the processor does not know after {@code giveUpAfter} was never charged and fails.
 */
@Component
class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private static final int BATCH = 50;

	private final PaymentRepository payments;

	private final PaymentService service;

	private final PaymentProcessor processor;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PaymentsProperties properties;

	private final Counter settled;

	Reconciler(PaymentRepository payments, PaymentService service, PaymentProcessor processor,
			TransactionTemplate transactions, Clock clock, PaymentsProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		this.payments = payments;
		this.service = service;
		this.processor = processor;
		this.transactions = transactions;
		this.clock = clock;
		this.properties = properties;
		MeterRegistry registry = meters.getIfAvailable();
		this.settled = (registry != null) ? Counter.builder("portico.payments.reconciled")
			.description("Pending payments settled by the reconciler")
			.register(registry) : null;
	}

	@Scheduled(fixedDelayString = "${portico.payments.reconcile-every:2s}")
	void reconcile() {
		Instant now = this.clock.instant();
		// Only payments whose charge has had its full time: a younger one may still get its answer in the request.
		Instant before = now.minus(this.properties.chargeTimeout());
		this.transactions.executeWithoutResult((status) -> {
			for (Payment payment : this.payments.lockPending(before, BATCH)) {
				settle(payment, now);
			}
		});
	}

	private void settle(Payment payment, Instant now) {
		Optional<ChargeOutcome> outcome = this.processor.lookup(payment.id().toString());
		Optional<Payment> result;
		if (outcome.isPresent()) {
			result = this.service.settle(payment, outcome.get(), now);
		}
		else if (payment.createdAt().isBefore(now.minus(this.properties.giveUpAfter()))) {
			result = this.service.settleNotCharged(payment, now);
		}
		else {
			return;
		}
		result.ifPresent((settledPayment) -> {
			log.info("Reconciled payment {} of account {}: {}", settledPayment.id(), settledPayment.accountId(),
					settledPayment.status());
			if (this.settled != null) {
				this.settled.increment();
			}
		});
	}

}
