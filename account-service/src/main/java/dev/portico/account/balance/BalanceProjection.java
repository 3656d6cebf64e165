package dev.portico.account.balance;

import java.time.Clock;

import dev.portico.events.consumer.ProcessedEvents;
import dev.portico.events.invoice.BalanceChanged;
import dev.portico.events.invoice.InvoicesTopic;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the balance projection up to date from invoice-service's events, so that the overview never asks
 * invoice-service. Each event is applied with its processed-event row in one transaction (a redelivery applies
 * nothing twice); a balance that moved is announced in that transaction to every replica, which push it to the
 * account's streams they hold ({@link BalanceNotifications}).
 */
@Component
class BalanceProjection {

	private static final String CONSUMER = "account-balance-projection";

	private final BalanceRepository balances;

	private final BalanceNotifications notifications;

	private final ProcessedEvents processed;

	private final Clock clock;

	BalanceProjection(BalanceRepository balances, BalanceNotifications notifications, ProcessedEvents processed,
			Clock clock) {
		this.balances = balances;
		this.notifications = notifications;
		this.processed = processed;
		this.clock = clock;
	}

	@KafkaListener(topics = InvoicesTopic.BALANCES)
	void on(BalanceChanged event) {
		this.processed.applyOnce(CONSUMER, event.eventId(), () -> {
			if (this.balances.apply(event, this.clock.instant())) {
				this.notifications.announce(event.accountId(), event.cause());
			}
		});
	}

}
