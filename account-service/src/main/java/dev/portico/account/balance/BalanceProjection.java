package dev.portico.account.balance;

import java.time.Clock;
import java.time.Duration;

import dev.portico.events.consumer.ProcessedEvents;
import dev.portico.events.invoice.BalanceChanged;
import dev.portico.events.invoice.InvoicesTopic;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the balance projection up to date from invoice-service's events, so that the
 * overview never asks invoice-service. Each event is applied with its processed-event row
 * in one transaction (a redelivery applies nothing twice); a balance that moved is
 * announced in that transaction to every replica, which push it to the account's streams
 * they hold ({@link BalanceNotifications}).
 */
@Component
class BalanceProjection {

	private static final String CONSUMER = "account-balance-projection";

	private final BalanceRepository balances;

	private final BalanceNotifications notifications;

	private final ProcessedEvents processed;

	private final Clock clock;

	private final Timer paymentToBalance;

	BalanceProjection(BalanceRepository balances, BalanceNotifications notifications, ProcessedEvents processed,
			Clock clock, MeterRegistry meters) {
		this.balances = balances;
		this.notifications = notifications;
		this.processed = processed;
		this.clock = clock;
		this.paymentToBalance = Timer.builder("portico.payment.balance.latency")
			.description("From a payment's charge to the new balance committed here and announced to its streams")
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofMinutes(2))
			.register(meters);
	}

	@KafkaListener(topics = InvoicesTopic.BALANCES)
	void on(BalanceChanged event) {
		boolean applied = this.processed.applyOnce(CONSUMER, event.eventId(), () -> {
			if (this.balances.apply(event, this.clock.instant())) {
				this.notifications.announce(event.accountId(), event.cause());
			}
		});
		if (applied && BalanceChanged.PAYMENT_APPLIED.equals(event.cause()) && event.causedAt() != null) {
			this.paymentToBalance.record(Duration.between(event.causedAt(), this.clock.instant()));
		}
	}

}
