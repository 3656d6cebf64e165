package dev.portico.usage.account;

import dev.portico.events.account.AccountOpened;
import dev.portico.events.account.AccountsTopic;
import dev.portico.events.consumer.ProcessedEvents;
import dev.portico.usage.period.BillDay;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns each account's bill day from {@code accounts.v1}, so that periods are cut
 * without asking account-service. The topic carries other account events (profile
 * changes, packages), which say nothing about periods.
 */
@Component
@KafkaListener(topics = AccountsTopic.NAME)
class AccountOpenings {

	static final String CONSUMER = "usage-account-openings";

	private final UsageAccounts accounts;

	private final ProcessedEvents processed;

	AccountOpenings(UsageAccounts accounts, ProcessedEvents processed) {
		this.accounts = accounts;
		this.processed = processed;
	}

	@KafkaHandler
	void on(AccountOpened event) {
		this.processed.applyOnce(CONSUMER, event.eventId(), () -> this.accounts
			.remember(new UsageAccount(event.accountId(), event.accountNumber(), BillDay.of(event.billDay()))));
	}

	@KafkaHandler(isDefault = true)
	void ignore(Object event) {
	}

}
