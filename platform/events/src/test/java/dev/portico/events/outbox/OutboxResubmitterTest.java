package dev.portico.events.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import dev.portico.test.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resubmitter against a registry that keeps no status: what it resends per round, and that a publication it
 * resent is left alone until its send has had {@code resubmitAfter} to succeed or give up.
 */
class OutboxResubmitterTest {

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private final Registry registry = new Registry();

	private final OutboxResubmitter resubmitter = new OutboxResubmitter(
			new StaticListableBeanFactory(Map.of("registry", this.registry))
				.getBeanProvider(IncompleteEventPublications.class),
			new OutboxResubmitter.OutboxProperties(Duration.ofSeconds(15), Duration.ofSeconds(60), 2), this.clock);

	@Test
	void resendsTheOldestUnacknowledgedInBatchesAndEachOncePerResubmitAfter() {
		Publication first = this.registry.add(T0.minusSeconds(300));
		Publication second = this.registry.add(T0.minusSeconds(200));
		Publication third = this.registry.add(T0.minusSeconds(100));
		Publication young = this.registry.add(T0.minusSeconds(10));

		this.resubmitter.resubmit();
		assertThat(this.registry.resent).containsExactly(first, second);

		// 15 s later the first two are still in flight (or failed only now): only the third goes.
		this.registry.resent.clear();
		this.clock.advance(Duration.ofSeconds(15));
		this.resubmitter.resubmit();
		assertThat(this.registry.resent).containsExactly(third);

		// A minute after their resend the first two, still not completed, are resent; the young one is old enough now.
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
	}

	/** Modulith's registry without status: incomplete publications, oldest first, each one the filter accepts resent. */
	static final class Registry implements IncompleteEventPublications {

		final List<Publication> incomplete = new ArrayList<>();

		final List<Publication> resent = new ArrayList<>();

		Publication add(Instant publishedAt) {
			Publication publication = new Publication(UUID.randomUUID(), publishedAt);
			this.incomplete.add(publication);
			return publication;
		}

		void complete(Publication publication) {
			this.incomplete.remove(publication);
		}

		@Override
		public void resubmitIncompletePublications(Predicate<EventPublication> filter) {
			this.incomplete.stream()
				.sorted((a, b) -> a.getPublicationDate().compareTo(b.getPublicationDate()))
				.filter(filter)
				.forEach(this.resent::add);
		}

		@Override
		public void resubmitIncompletePublicationsOlderThan(Duration duration) {
			throw new UnsupportedOperationException("not used by the resubmitter");
		}

		@Override
		public void resubmitIncompletePublications(ResubmissionOptions options) {
			throw new UnsupportedOperationException("needs a registry with status");
		}

	}

	record Publication(UUID getIdentifier, Instant getPublicationDate) implements EventPublication {

		@Override
		public Object getEvent() {
			return "event " + this.getIdentifier;
		}

		@Override
		public Optional<Instant> getCompletionDate() {
			return Optional.empty();
		}

		@Override
		public Status getStatus() {
			return null;
		}

		@Override
		public Instant getLastResubmissionDate() {
			return null;
		}

		@Override
		public int getCompletionAttempts() {
			return 0;
		}

	}

}
