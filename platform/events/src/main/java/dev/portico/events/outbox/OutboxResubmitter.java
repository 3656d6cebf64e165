package dev.portico.events.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.events.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Resends the outbox's publications that Kafka has not acknowledged within
 * {@code resubmitAfter}: while the broker is unreachable, payments and invoices are still
 * taken and their events wait in {@code event_publication}; once it is back, this sends
 * them without a restart. A publication may be sent twice (its first send still in
 * flight, or another replica resending it too): the events keep their ids, and every
 * consumer applies an event id once.
 * <p>
 * The work of a round is bounded whatever waits: it reads at most {@code resubmitBatch}
 * publications (plus the few it resent lately), oldest first, so a long outage that piles
 * up the outbox never loads it whole.
 */
class OutboxResubmitter extends PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(OutboxResubmitter.class);

	private final WaitingPublications publications;

	private final OutboxProperties properties;

	private final Clock clock;

	/**
	 * When this replica last resent each publication; touched by the scheduler's one
	 * thread only.
	 */
	private final Map<UUID, Instant> resent = new HashMap<>();

	OutboxResubmitter(WaitingPublications publications, OutboxProperties properties, Clock clock) {
		super("outbox-resubmitter", properties.resubmitEvery());
		this.publications = publications;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	protected void runOnce() {
		resubmit();
	}

	/**
	 * Resends, oldest first and at most {@code resubmitBatch} per round, the publications
	 * older than {@code resubmitAfter} that are not completed. The registry keeps no
	 * status per publication (see spring.modulith.events.jdbc.use-legacy-structure in the
	 * events defaults), so this replica remembers what it resent and leaves it alone for
	 * another {@code resubmitAfter}: long enough for that send to succeed or give up, so
	 * that a long outage does not stack up sends of the same events, round after round.
	 */
	void resubmit() {
		try {
			Instant now = this.clock.instant();
			Instant cutoff = now.minus(this.properties.resubmitAfter());
			this.resent.values().removeIf((at) -> at.isBefore(cutoff));
			int batch = this.properties.resubmitBatch();
			int left = batch;
			for (WaitingPublications.Waiting waiting : this.publications.oldest(cutoff, batch + this.resent.size())) {
				if (left == 0) {
					break;
				}
				if (this.resent.putIfAbsent(waiting.id(), now) == null) {
					this.publications.resend(waiting);
					left--;
				}
			}
		}
		catch (RuntimeException ex) {
			// The database or the broker is still away: the next round tries again.
			log.warn("Resending unacknowledged events failed, trying again in {}: {}", this.properties.resubmitEvery(),
					ex.getMessage());
		}
	}

	/**
	 * @param resubmitEvery how often unacknowledged publications are looked for
	 * @param resubmitAfter how old a publication must be to be resent; longer than the
	 * producer's delivery timeout, so that a send still being retried is not doubled
	 * needlessly
	 * @param resubmitBatch how many are resent per round at most
	 */
	@ConfigurationProperties("portico.events.outbox")
	record OutboxProperties(@DefaultValue("15s") Duration resubmitEvery, @DefaultValue("60s") Duration resubmitAfter,
			@DefaultValue("500") int resubmitBatch) {
	}

	/** The outbox's publications not acknowledged yet. */
	interface WaitingPublications {

		/** At most {@code limit} publications older than {@code before}, oldest first. */
		List<Waiting> oldest(Instant before, int limit);

		/** Sends it again; it is completed once Kafka acknowledges it. */
		void resend(Waiting publication);

		record Waiting(UUID id, Instant publishedAt, String eventType, String serializedEvent) {
		}

	}

}
