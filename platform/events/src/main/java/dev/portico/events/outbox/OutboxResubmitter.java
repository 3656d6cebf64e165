package dev.portico.events.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Resends the outbox's publications that Kafka has not acknowledged within {@code resubmitAfter}: while the broker is
 * unreachable, payments and invoices are still taken and their events wait in {@code event_publication}; once it is
 * back, this sends them without a restart. A publication may be sent twice (its first send still in flight, or
 * another replica resending it too): the events keep their ids, and every consumer applies an event id once.
 */
class OutboxResubmitter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxResubmitter.class);

	private final ObjectProvider<IncompleteEventPublications> publications;

	private final OutboxProperties properties;

	private ScheduledExecutorService scheduler;

	OutboxResubmitter(ObjectProvider<IncompleteEventPublications> publications, OutboxProperties properties) {
		this.publications = publications;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("outbox-resubmitter").daemon().factory());
		long every = this.properties.resubmitEvery().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::resubmit, every, every, TimeUnit.MILLISECONDS);
	}

	void resubmit() {
		try {
			// The registry keeps no per-publication status (see spring.modulith.events.jdbc.use-legacy-structure in
			// the events defaults): what Kafka has not acknowledged is simply not completed yet.
			this.publications.ifAvailable((incomplete) -> incomplete
				.resubmitIncompletePublicationsOlderThan(this.properties.resubmitAfter()));
		}
		catch (RuntimeException ex) {
			// The database or the broker is still away: the next round tries again.
			log.warn("Resending unacknowledged events failed, trying again in {}: {}", this.properties.resubmitEvery(),
					ex.getMessage());
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * @param resubmitEvery how often unacknowledged publications are looked for
	 * @param resubmitAfter how old a publication must be to be resent; longer than the producer's delivery timeout,
	 * so that a send still being retried is not doubled needlessly
	 */
	@ConfigurationProperties("portico.events.outbox")
	record OutboxProperties(
			@DefaultValue("15s") Duration resubmitEvery,
			@DefaultValue("60s") Duration resubmitAfter) {
	}

}
