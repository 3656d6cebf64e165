package dev.portico.payment.payment;

import dev.portico.events.consumer.ProcessedEvents;
import dev.portico.events.invoice.InvoicesTopic;
import dev.portico.events.invoice.PaymentAllocated;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Records where invoice-service applied each payment, for the payment history. Once per event. */
@Component
@KafkaListener(topics = InvoicesTopic.INVOICES)
class AllocationListener {

	private static final String CONSUMER = "payment-allocations";

	private final PaymentRepository payments;

	private final ProcessedEvents processed;

	private final TransactionTemplate transactions;

	AllocationListener(PaymentRepository payments, ProcessedEvents processed, TransactionTemplate transactions) {
		this.payments = payments;
		this.processed = processed;
		this.transactions = transactions;
	}

	@KafkaHandler
	void on(PaymentAllocated event) {
		this.transactions.executeWithoutResult((status) -> {
			if (this.processed.firstDelivery(CONSUMER, event.eventId())) {
				event.allocations()
					.forEach((allocation) -> this.payments.addAllocation(event.paymentId(),
							new PaymentRepository.Allocation(allocation.invoiceId(), allocation.invoiceNumber(),
									allocation.amount())));
			}
		});
	}

	/** Other invoice events (an invoice was issued) say nothing about payments. */
	@KafkaHandler(isDefault = true)
	void ignore(Object event) {
	}

}
