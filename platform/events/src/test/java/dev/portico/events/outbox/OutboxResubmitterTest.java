package dev.portico.events.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.portico.test.MutableClock;
import org.junit.jupiter.api.Test;

import dev.portico.events.outbox.OutboxResubmitter.WaitingPublications.Waiting;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resubmitter against a registry that keeps no status: what it resends per round, and
 * that a publication it resent is left alone until its send has had {@code resubmitAfter}
 * to succeed or give up.
 */
class OutboxResubmitterTest {

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private final Registry registry = new Registry();

	private final OutboxResubmitter resubmitter = new OutboxResubmitter(this.registry,
			new OutboxResubmitter.OutboxProperties(Duration.ofSeconds(15), Duration.ofSeconds(60), 2), this.clock);

	@Test
	void resendsTheOldestUnacknowledgedInBatchesAndEachOncePerResubmitAfter() {
		Waiting first = this.registry.add(T0.minusSeconds(300));
		Waiting second = this.registry.add(T0.minusSeconds(200));
		Waiting third = this.registry.add(T0.minusSeconds(100));
		Waiting young = this.registry.add(T0.minusSeconds(10));

		this.resubmitter.resubmit();
		assertThat(this.registry.resent).containsExactly(first, second);

		// 15 s later the first two are still in flight (or failed only now): only the
		// third goes.
		this.registry.resent.clear();
		this.clock.advance(Duration.ofSeconds(15));
		this.resubmitter.resubmit();
		assertThat(this.registry.resent).containsExactly(third);

		// A minute after their resend the first two, still not completed, are resent; the
		// young one is old enough now.
		this.registry.resent.clear();
		this.clock.advance(Duration.ofSeconds(46));
		this.resubmitter.resubmit();
		assertThat(this.registry.resent).containsExactly(first, second);
		this.registry.resent.clear();
		this.clock.advance(Duration.ofSeconds(15));
		this.resubmitter.resubmit();
		assertThat(this.registry.resent).containsExactly(third, young);

		// Completed publications are gone from the registry and never resent.
		this.registry.complete(first);
		this.registry.complete(second);
		this.registry.complete(third);
		this.registry.complete(young);
		this.registry.resent.clear();
		this.clock.advance(Duration.ofMinutes(5));
		this.resubmitter.resubmit();
		assertThat(this.registry.resent).isEmpty();
		assertThat(this.registry.limits).as("never more read than a batch and what was resent lately")
			.allSatisfy((limit) -> assertThat(limit).isLessThanOrEqualTo(2 + 4));
	}

	/**
	 * The outbox without status: incomplete publications, read oldest first and bounded
	 * as the query is.
	 */
	static final class Registry implements OutboxResubmitter.WaitingPublications {

		final List<Waiting> incomplete = new ArrayList<>();

		final List<Waiting> resent = new ArrayList<>();

		final List<Integer> limits = new ArrayList<>();

		Waiting add(Instant publishedAt) {
			Waiting publication = new Waiting(UUID.randomUUID(), publishedAt, "ThingHappened", "{}");
			this.incomplete.add(publication);
			return publication;
		}

		void complete(Waiting publication) {
			this.incomplete.remove(publication);
		}

		@Override
		public List<Waiting> oldest(Instant before, int limit) {
			this.limits.add(limit);
			return this.incomplete.stream()
				.filter((publication) -> publication.publishedAt().isBefore(before))
				.sorted((a, b) -> a.publishedAt().compareTo(b.publishedAt()))
				.limit(limit)
				.toList();
		}

		@Override
		public void resend(Waiting publication) {
			this.resent.add(publication);
		}

	}

}
