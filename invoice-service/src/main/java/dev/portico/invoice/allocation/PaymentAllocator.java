package dev.portico.invoice.allocation;

import java.time.Clock;
import java.time.Duration;

import dev.portico.events.consumer.ProcessedEvents;
import dev.portico.events.payment.PaymentFailed;
import dev.portico.events.payment.PaymentRefunded;
import dev.portico.events.payment.PaymentSucceeded;
import dev.portico.events.payment.PaymentsTopic;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies every succeeded payment and every refund once: the processed-event row, the
 * allocation and its events commit together, so a redelivery (the offset was not
 * committed after the database was) applies nothing twice.
 */
@Component
@KafkaListener(topics = PaymentsTopic.NAME)
class PaymentAllocator {

	static final String CONSUMER = "invoice-payment-allocation";

	private final Allocations allocations;

	private final ProcessedEvents processed;

	private final Clock clock;

	private final Timer lag;

	PaymentAllocator(Allocations allocations, ProcessedEvents processed, Clock clock, MeterRegistry meters) {
		this.allocations = allocations;
		this.processed = processed;
		this.clock = clock;
		this.lag = Timer.builder("portico.allocation.lag")
			.description("From a payment's charge to its allocation committed here")
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofMinutes(2))
			.register(meters);
	}

	@KafkaHandler
	void on(PaymentSucceeded payment) {
		if (this.processed.applyOnce(CONSUMER, payment.eventId(),
				() -> this.allocations.allocate(payment, this.clock.instant()))) {
			// After the commit (applyOnce's transaction), and only the first time: a
			// redelivery is not a lag.
			this.lag.record(Duration.between(payment.occurredAt(), this.clock.instant()));
		}
	}

	/**
	 * Money given back: taken back from the payment's credit, then its invoices, once per
	 * refund.
	 */
	@KafkaHandler
	void on(PaymentRefunded refund) {
		this.processed.applyOnce(CONSUMER, refund.eventId(),
				() -> this.allocations.refund(refund, this.clock.instant()));
	}

	/** A failed payment took no money: there is nothing to apply. */
	@KafkaHandler
	void on(PaymentFailed payment) {
	}

}
