package dev.portico.platform.web.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.portico.test.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyedTokenBucketTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

	@Test
	void allowsABurstOfCapacityThenRejectsWithTheTimeUntilATokenIsBack() {
		KeyedTokenBucket<String> limiter = new KeyedTokenBucket<>(10, Duration.ofMinutes(1), 100, this.clock);
		for (int i = 0; i < 10; i++) {
			KeyedTokenBucket.Decision decision = limiter.tryAcquire("alice");
			assertThat(decision.allowed()).isTrue();
			assertThat(decision.remaining()).isEqualTo(9 - i);
		}
		KeyedTokenBucket.Decision rejected = limiter.tryAcquire("alice");
		assertThat(rejected.allowed()).isFalse();
		assertThat(rejected.retryAfter()).isEqualTo(Duration.ofSeconds(6));
		assertThat(rejected.retryAfterSeconds()).isEqualTo(6);
	}

	@Test
	void refillsContinuouslyAtCapacityPerPeriod() {
		KeyedTokenBucket<String> limiter = new KeyedTokenBucket<>(60, Duration.ofMinutes(1), 100, this.clock);
		for (int i = 0; i < 60; i++) {
			assertThat(limiter.tryAcquire("10.0.0.1").allowed()).isTrue();
		}
		assertThat(limiter.tryAcquire("10.0.0.1").allowed()).isFalse();
		this.clock.advance(Duration.ofMillis(999));
		assertThat(limiter.tryAcquire("10.0.0.1").allowed()).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(limiter.tryAcquire("10.0.0.1").allowed()).isTrue();
		assertThat(limiter.tryAcquire("10.0.0.1").allowed()).isFalse();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(limiter.available("10.0.0.1")).isEqualTo(60);
	}

	@Test
	void keysDoNotShareABucketAndResetRefillsOne() {
		KeyedTokenBucket<String> limiter = new KeyedTokenBucket<>(2, Duration.ofMinutes(1), 100, this.clock);
		limiter.tryAcquire("alice");
		limiter.tryAcquire("alice");
		assertThat(limiter.tryAcquire("alice").allowed()).isFalse();
		assertThat(limiter.tryAcquire("bob").allowed()).isTrue();
		limiter.reset("alice");
		assertThat(limiter.available("alice")).isEqualTo(2);
		assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
	}

	@Test
	void neverTracksMoreThanMaxKeysAndDropsFullBucketsFirst() {
		KeyedTokenBucket<String> limiter = new KeyedTokenBucket<>(1, Duration.ofSeconds(10), 3, this.clock);
		limiter.tryAcquire("old");
		this.clock.advance(Duration.ofSeconds(20));
		limiter.tryAcquire("a");
		limiter.tryAcquire("b");
		limiter.tryAcquire("c");
		assertThat(limiter.trackedKeys()).isEqualTo(3);
		// "old" was full again and went first, so the recent keys keep their state.
		assertThat(limiter.tryAcquire("a").allowed()).isFalse();
		for (int i = 0; i < 10_000; i++) {
			limiter.tryAcquire("flood-" + i);
			assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(3);
		}
	}

	/**
	 * Property over many random request patterns: in any window of length {@code d}, no
	 * key is allowed more than {@code capacity + d * rate} requests, and a refusal never
	 * asks to wait longer than one period.
	 */
	@Test
	void neverAllowsMoreThanTheBucketPermitsInAnyWindow() {
		Random random = new Random(20261125);
		for (int run = 0; run < 200; run++) {
			int capacity = 1 + random.nextInt(20);
			Duration period = Duration.ofMillis(100 + random.nextInt(60_000));
			MutableClock runClock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
			KeyedTokenBucket<Integer> limiter = new KeyedTokenBucket<>(capacity, period, 10, runClock);
			List<Long> allowedAt = new ArrayList<>();
			long start = runClock.nanos();
			for (int request = 0; request < 300; request++) {
				runClock.advance(Duration.ofNanos((long) (random.nextDouble() * period.toNanos() / capacity * 2)));
				KeyedTokenBucket.Decision decision = limiter.tryAcquire(1);
				if (decision.allowed()) {
					allowedAt.add(runClock.nanos() - start);
				}
				else {
					assertThat(decision.retryAfter()).isPositive();
					assertThat(decision.retryAfter()).isLessThanOrEqualTo(period);
				}
			}
			double rate = (double) capacity / period.toNanos();
			for (int i = 0; i < allowedAt.size(); i++) {
				for (int j = i; j < allowedAt.size(); j++) {
					long window = allowedAt.get(j) - allowedAt.get(i);
					assertThat(j - i + 1).as("run %d, capacity %d, period %s", run, capacity, period)
						.isLessThanOrEqualTo(capacity + (int) Math.ceil(window * rate));
				}
			}
		}
	}

	@Test
	void aRefusedRequestPassesOnceRetryAfterHasElapsed() {
		KeyedTokenBucket<String> limiter = new KeyedTokenBucket<>(3, Duration.ofSeconds(7), 10, this.clock);
		for (int i = 0; i < 3; i++) {
			limiter.tryAcquire("k");
		}
		KeyedTokenBucket.Decision refused = limiter.tryAcquire("k");
		this.clock.advance(refused.retryAfter().minusNanos(1));
		assertThat(limiter.tryAcquire("k").allowed()).isFalse();
		this.clock.advance(Duration.ofNanos(1));
		assertThat(limiter.tryAcquire("k").allowed()).isTrue();
	}

	@Test
	void retryAfterSecondsRoundsUpAndIsAtLeastOne() {
		KeyedTokenBucket<String> limiter = new KeyedTokenBucket<>(1000, Duration.ofSeconds(1), 10, this.clock);
		for (int i = 0; i < 1000; i++) {
			limiter.tryAcquire("k");
		}
		KeyedTokenBucket.Decision refused = limiter.tryAcquire("k");
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(1));
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
	}

	@Test
	void rejectsNonsensicalSettings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KeyedTokenBucket<String>(0, Duration.ofSeconds(1), 1, this.clock));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KeyedTokenBucket<String>(1, Duration.ZERO, 1, this.clock));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KeyedTokenBucket<String>(1, Duration.ofSeconds(1), 0, this.clock));
	}

}
