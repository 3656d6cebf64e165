package dev.portico.platform.web.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A token bucket per key (a user name, a client address, a user id) with bounded memory:
 * each key may spend {@code capacity} requests at once, and the bucket refills
 * continuously at {@code capacity} per {@code period}.
 * <p>
 * Each key costs one {@code long}: the bucket is kept as the instant at which it will be
 * full again (the generic cell rate algorithm, equivalent to a token bucket), so a full
 * bucket needs no entry at all. When more than {@code maxKeys} keys are tracked, full
 * buckets are dropped first and then the least recently used ones, which at worst forgets
 * the history of a key that has been quiet the longest. Time comes from the injected
 * {@link Clock}. Thread-safe.
 */
public final class KeyedTokenBucket<K> {

	private final int capacity;

	/** Time for one token to come back. */
	private final long emissionNanos;

	/**
	 * How far ahead of now a bucket's "full again" instant may be while it still has a
	 * token to spend.
	 */
	private final long toleranceNanos;

	private final int maxKeys;

	private final Clock clock;

	/**
	 * Key → the instant (epoch nanos) at which its bucket is full again; in access order
	 * for LRU eviction.
	 */
	private final LinkedHashMap<K, Long> fullAt;

	public KeyedTokenBucket(int capacity, Duration period, int maxKeys, Clock clock) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1");
		}
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("period must be positive");
		}
		if (maxKeys < 1) {
			throw new IllegalArgumentException("maxKeys must be at least 1");
		}
		this.capacity = capacity;
		this.emissionNanos = Math.max(1, period.toNanos() / capacity);
		this.toleranceNanos = this.emissionNanos * (capacity - 1);
		this.maxKeys = maxKeys;
		this.clock = Objects.requireNonNull(clock, "clock");
		this.fullAt = new LinkedHashMap<>(16, 0.75f, true);
	}

	/** Takes one token of {@code key}'s bucket if there is one. */
	public Decision tryAcquire(K key) {
		Objects.requireNonNull(key, "key");
		long now = nowNanos();
		synchronized (this.fullAt) {
			Long current = this.fullAt.get(key);
			long full = (current != null) ? Math.max(current, now) : now;
			long waitNanos = full - this.toleranceNanos - now;
			if (waitNanos > 0) {
				return Decision.rejected(Duration.ofNanos(waitNanos));
			}
			this.fullAt.put(key, full + this.emissionNanos);
			if (this.fullAt.size() > this.maxKeys) {
				evict(now);
			}
			long remaining = Math.floorDiv(this.toleranceNanos - (full + this.emissionNanos - now), this.emissionNanos)
					+ 1;
			return Decision.allowed((int) Math.max(0, Math.min(remaining, this.capacity - 1)));
		}
	}

	/** Tokens {@code key} could spend now, without taking one. */
	public int available(K key) {
		long now = nowNanos();
		synchronized (this.fullAt) {
			Long current = this.fullAt.get(key);
			if (current == null || current <= now) {
				return this.capacity;
			}
			long spent = current - now;
			return (int) Math.max(0, this.capacity - ceilDiv(spent, this.emissionNanos));
		}
	}

	/** Forgets {@code key}: its bucket is full again (e.g. after a successful login). */
	public void reset(K key) {
		synchronized (this.fullAt) {
			this.fullAt.remove(key);
		}
	}

	/** Keys currently tracked (never more than {@code maxKeys}). */
	public int trackedKeys() {
		synchronized (this.fullAt) {
			return this.fullAt.size();
		}
	}

	public int capacity() {
		return this.capacity;
	}

	private void evict(long now) {
		// Full buckets carry no state worth keeping.
		this.fullAt.values().removeIf((full) -> full <= now);
		Iterator<Map.Entry<K, Long>> leastRecentlyUsed = this.fullAt.entrySet().iterator();
		while (this.fullAt.size() > this.maxKeys && leastRecentlyUsed.hasNext()) {
			leastRecentlyUsed.next();
			leastRecentlyUsed.remove();
		}
	}

	private long nowNanos() {
		var instant = this.clock.instant();
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
	}

	private static long ceilDiv(long a, long b) {
		return -Math.floorDiv(-a, b);
	}

	/**
	 * The outcome of {@link #tryAcquire}: allowed with the tokens left, or rejected with
	 * how long until a token is back.
	 */
	public record Decision(boolean allowed, int remaining, Duration retryAfter) {

		static Decision allowed(int remaining) {
			return new Decision(true, remaining, Duration.ZERO);
		}

		static Decision rejected(Duration retryAfter) {
			return new Decision(false, 0, retryAfter);
		}

		/**
		 * {@link #retryAfter} in whole seconds, rounded up and at least 1, as a
		 * {@code Retry-After} header wants.
		 */
		public long retryAfterSeconds() {
			long seconds = this.retryAfter.toSeconds() + ((this.retryAfter.toNanosPart() > 0) ? 1 : 0);
			return Math.max(1, seconds);
		}

	}

}
