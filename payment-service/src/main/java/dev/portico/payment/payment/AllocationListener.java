package dev.portico.payment.payment;

import java.time.Clock;

import dev.portico.events.consumer.ProcessedEvents;
import dev.portico.events.invoice.InvoicesTopic;
import dev.portico.events.invoice.PaymentAllocated;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Records where invoice-service applied each payment, for the payment history. Once per
 * event.
 */
@Component
@KafkaListener(topics = InvoicesTopic.INVOICES)
class AllocationListener {

	private static final String CONSUMER = "payment-allocations";

	private final PaymentRepository payments;

	private final ProcessedEvents processed;

	private final Clock clock;

	AllocationListener(PaymentRepository payments, ProcessedEvents processed, Clock clock) {
		this.payments = payments;
		this.processed = processed;
		this.clock = clock;
	}

	/**
	 * Also notes when the payment's first application reached us: from then on
	 * invoice-service's receivable counts the payment, and the open-balance rule stops
	 * counting it as in progress.
	 */
	@KafkaHandler
	void on(PaymentAllocated event) {
		this.processed.applyOnce(CONSUMER, event.eventId(), () -> {
			this.payments.markApplied(event.paymentId(), this.clock.instant());
			event.allocations()
				.forEach(
						(allocation) -> this.payments.addAllocation(event.paymentId(), new PaymentRepository.Allocation(
								allocation.invoiceId(), allocation.invoiceNumber(), allocation.amount())));
		});
	}

	/** Other invoice events (an invoice was issued) say nothing about payments. */
	@KafkaHandler(isDefault = true)
	void ignore(Object event) {
	}

}
