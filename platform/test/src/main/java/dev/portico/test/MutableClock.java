package dev.portico.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests set and move. Views in other zones ({@link #withZone}) share the
 * instant, so code that asks for "today in the provider's zone" follows the test's clock
 * too.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	public MutableClock(Instant now) {
		this(new AtomicReference<>(now), ZoneOffset.UTC);
	}

	private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	public void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	public void set(Instant instant) {
		this.now.set(instant);
	}

	/** The instant in nanoseconds, for code that measures time with a nano source. */
	public long nanos() {
		Instant instant = this.now.get();
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MutableClock(this.now, zone);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

}
