package dev.portico.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for tests that move time but need it to keep ticking: the real time, shifted by
 * however far a test moved it, so that "newest first" and timeouts still work after a
 * test sets the date. {@link MutableClock} stands still instead.
 */
public final class ShiftedClock extends Clock {

	private final AtomicReference<Duration> offset;

	private final ZoneId zone;

	public ShiftedClock() {
		this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
	}

	private ShiftedClock(AtomicReference<Duration> offset, ZoneId zone) {
		this.offset = offset;
		this.zone = zone;
	}

	/** From now on the clock reads {@code instant}, and ticks on from there. */
	public void travelTo(Instant instant) {
		this.offset.set(Duration.between(Instant.now(), instant));
	}

	public void advance(Duration duration) {
		this.offset.updateAndGet((current) -> current.plus(duration));
	}

	/** Back to the real time. */
	public void reset() {
		this.offset.set(Duration.ZERO);
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new ShiftedClock(this.offset, zone);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset.get());
	}

}
