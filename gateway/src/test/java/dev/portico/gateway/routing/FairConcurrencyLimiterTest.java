package dev.portico.gateway.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FairConcurrencyLimiterTest {

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	private final FairConcurrencyLimiter limiter = new FairConcurrencyLimiter(2, 3, Duration.ofSeconds(1), this.clock);

	@Test
	void callsBeyondTheLimitWaitAndStartInTheOrderTheyCame() {
		List<String> started = new ArrayList<>();
		List<Sinks.Empty<Void>> calls = new ArrayList<>();
		for (String name : List.of("a", "b", "c", "d", "e")) {
			Sinks.Empty<Void> call = Sinks.empty();
			calls.add(call);
			this.limiter.run(Mono.defer(() -> {
				started.add(name);
				return call.asMono();
			})).subscribe();
		}
		assertThat(started).containsExactly("a", "b");
		assertThat(this.limiter.waiting()).isEqualTo(3);

		calls.get(1).tryEmitEmpty();
		assertThat(started).containsExactly("a", "b", "c");
		calls.get(0).tryEmitError(new IllegalStateException("the service failed"));
		assertThat(started).containsExactly("a", "b", "c", "d");
		calls.get(2).tryEmitEmpty();
		calls.get(3).tryEmitEmpty();
		calls.get(4).tryEmitEmpty();

		assertThat(started).containsExactly("a", "b", "c", "d", "e");
		assertThat(this.limiter.inFlight()).isZero();
		assertThat(this.limiter.waiting()).isZero();
	}

	@Test
	void aCallIsRefusedAtOnceWhenTheQueueIsFull() {
		for (int i = 0; i < 5; i++) {
			this.limiter.run(Mono.never()).subscribe();
		}
		Outcome refused = outcome(this.limiter.run(Mono.empty()));

		assertThat(refused.error).isInstanceOf(ConcurrencyLimitExceededException.class);
		assertThat(this.limiter.waiting()).isEqualTo(3);
	}

	@Test
	void aWaitingCallGivesUpAfterTheMaximumWaitAndNeverRuns() {
		this.limiter.run(Mono.never()).subscribe();
		this.limiter.run(Mono.never()).subscribe();
		AtomicInteger ran = new AtomicInteger();
		Outcome waiting = outcome(this.limiter.run(Mono.fromRunnable(ran::incrementAndGet)));

		this.clock.advanceTimeBy(Duration.ofMillis(999));
		assertThat(waiting.error).isNull();
		this.clock.advanceTimeBy(Duration.ofMillis(1));

		assertThat(waiting.error).isInstanceOf(ConcurrencyLimitExceededException.class);
		assertThat(ran).hasValue(0);
		assertThat(this.limiter.waiting()).isZero();
		assertThat(this.limiter.inFlight()).isEqualTo(2);
	}

	@Test
	void aCallerThatLeavesGivesItsPlaceBackWhetherWaitingOrRunning() {
		Disposable running = this.limiter.run(Mono.never()).subscribe();
		this.limiter.run(Mono.never()).subscribe();
		Disposable waiting = this.limiter.run(Mono.never()).subscribe();
		AtomicInteger ran = new AtomicInteger();
		this.limiter.run(Mono.fromRunnable(ran::incrementAndGet)).subscribe();

		waiting.dispose();
		assertThat(this.limiter.waiting()).isEqualTo(1);
		running.dispose();

		assertThat(ran).hasValue(1);
		assertThat(this.limiter.inFlight()).isEqualTo(1);
		assertThat(this.limiter.waiting()).isZero();
	}

	/**
	 * The place reaches a waiter that has not yet asked for it, and the waiter leaves:
	 * the place goes on.
	 */
	@Test
	void aPlaceHandedToACallerAsItLeavesGoesToTheNext() {
		Disposable running = this.limiter.run(Mono.never()).subscribe();
		this.limiter.run(Mono.never()).subscribe();
		BaseSubscriber<Boolean> notYetAsking = new BaseSubscriber<>() {
			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				// no request: the place is handed over but not delivered
			}
		};
		this.limiter.acquire().subscribe(notYetAsking);
		AtomicInteger ran = new AtomicInteger();
		this.limiter.run(Mono.fromRunnable(ran::incrementAndGet)).subscribe();

		running.dispose();
		assertThat(ran).hasValue(0);
		notYetAsking.cancel();

		assertThat(ran).hasValue(1);
		assertThat(this.limiter.waiting()).isZero();
	}

	/**
	 * A free place taken by a caller that leaves before it asked for it is free again.
	 */
	@Test
	void aFreePlaceTakenByACallerThatLeavesAtOnceIsFreeAgain() {
		BaseSubscriber<Boolean> notYetAsking = new BaseSubscriber<>() {
			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				// no request
			}
		};
		this.limiter.acquire().subscribe(notYetAsking);
		assertThat(this.limiter.inFlight()).isEqualTo(1);

		notYetAsking.cancel();

		assertThat(this.limiter.inFlight()).isZero();
	}

	/**
	 * Calls ending, leaving and timing out on many threads at once: never more than the
	 * limit, no place lost.
	 */
	@Test
	void underRacesNoPlaceIsLostOrGivenTwice() throws Exception {
		FairConcurrencyLimiter shared = new FairConcurrencyLimiter(4, 1_000, Duration.ofMillis(5),
				Schedulers.parallel());
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		int calls = 20_000;
		CountDownLatch settled = new CountDownLatch(calls);
		for (int i = 0; i < calls; i++) {
			Mono<Void> call = Mono.defer(() -> {
				mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
				return Mono.delay(Duration.ofNanos(ThreadLocalRandom.current().nextInt(200_000)))
					.doOnTerminate(running::decrementAndGet) // before the end reaches the
																// limiter, which starts
																// the next
					.doOnCancel(running::decrementAndGet)
					.then();
			});
			Disposable subscription = shared.run(call)
				.doFinally((signal) -> settled.countDown())
				.subscribe(null, (error) -> {
				});
			if (i % 7 == 0) {
				Schedulers.parallel()
					.schedule(subscription::dispose, ThreadLocalRandom.current().nextInt(100), TimeUnit.MICROSECONDS);
			}
		}
		assertThat(settled.await(30, TimeUnit.SECONDS)).isTrue();

		assertThat(mostAtOnce.get()).isLessThanOrEqualTo(4);
		// A place handed on at the very end is returned just after its call settled.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(shared.inFlight()).isZero();
			assertThat(shared.waiting()).isZero();
		});
	}

	private static Outcome outcome(Mono<?> mono) {
		Outcome outcome = new Outcome();
		mono.subscribe(null, (error) -> outcome.error = error, () -> outcome.completed = true);
		return outcome;
	}

	private static final class Outcome {

		volatile Throwable error;

		volatile boolean completed;

	}

}
