package dev.portico.account.balance;

import java.time.Clock;

import dev.portico.events.consumer.ProcessedEvents;
import dev.portico.events.invoice.BalanceChanged;
import dev.portico.events.invoice.InvoiceIssued;
import dev.portico.events.invoice.InvoicesTopic;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the balance projection up to date from invoice-service's events, so that the overview never asks
 * invoice-service. Each event is applied with its processed-event row in one transaction (a redelivery applies
 * nothing twice), and a balance that moved is then pushed to the account's open streams.
 */
@Component
class BalanceProjection {

	private static final String CONSUMER = "account-balance-projection";

	private final BalanceRepository balances;

	private final BalanceService service;

	private final BalanceStreams streams;

	private final ProcessedEvents processed;

	private final TransactionTemplate transactions;

	private final Clock clock;

	BalanceProjection(BalanceRepository balances, BalanceService service, BalanceStreams streams,
			ProcessedEvents processed, TransactionTemplate transactions, Clock clock) {
		this.balances = balances;
		this.service = service;
		this.streams = streams;
		this.processed = processed;
		this.transactions = transactions;
		this.clock = clock;
	}

	@KafkaListener(topics = InvoicesTopic.BALANCES)
	void on(BalanceChanged event) {
		Boolean changed = this.transactions.execute((status) -> this.processed.firstDelivery(CONSUMER, event.eventId())
				&& this.balances.apply(event, this.clock.instant()));
		if (Boolean.TRUE.equals(changed)) {
			// After the commit, so that a client reading the overview on this event sees the same numbers.
			this.streams.publish(BalanceEvent.of(this.service.balanceOf(event.accountId()), event.cause()));
		}
	}

	@KafkaListener(topics = InvoicesTopic.INVOICES)
	void on(InvoiceIssued event) {
		this.transactions.executeWithoutResult((status) -> {
			if (this.processed.firstDelivery(CONSUMER, event.eventId())) {
				this.balances.apply(event, this.clock.instant());
			}
		});
	}

}
