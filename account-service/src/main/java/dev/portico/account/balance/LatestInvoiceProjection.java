package dev.portico.account.balance;

import java.time.Clock;

import dev.portico.events.consumer.ProcessedEvents;
import dev.portico.events.invoice.InvoiceIssued;
import dev.portico.events.invoice.InvoicesTopic;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The overview's latest invoice, from {@code invoices.v1}. The topic carries other
 * invoice events too (payments applied), which say nothing the overview shows.
 */
@Component
@KafkaListener(topics = InvoicesTopic.INVOICES)
class LatestInvoiceProjection {

	private static final String CONSUMER = "account-latest-invoice";

	private final BalanceRepository balances;

	private final ProcessedEvents processed;

	private final Clock clock;

	LatestInvoiceProjection(BalanceRepository balances, ProcessedEvents processed, Clock clock) {
		this.balances = balances;
		this.processed = processed;
		this.clock = clock;
	}

	@KafkaHandler
	void on(InvoiceIssued event) {
		this.processed.applyOnce(CONSUMER, event.eventId(), () -> this.balances.apply(event, this.clock.instant()));
	}

	@KafkaHandler(isDefault = true)
	void ignore(Object event) {
	}

}
