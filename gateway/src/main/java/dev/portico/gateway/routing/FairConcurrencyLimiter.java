package dev.portico.gateway.routing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * At most {@code limit} calls in flight; the calls beyond wait in arrival order for a
 * free place, for at most {@code maxWait}, and are refused at once when
 * {@code maxWaiting} are already waiting. Waiting never blocks a thread: a waiter is a
 * {@link MonoSink} completed by the call that frees its place.
 *
 * <p>
 * Why first come, first served: a service answers best with a few calls at a time (its
 * database pool holds ten connections); fifty calls let into it at once take turns there
 * in no order, and the unlucky ones wait several times as long as the rest. The stack has
 * no such queue for reactive calls: Resilience4j's bulkhead, in its Reactor operator, can
 * only refuse a call past its limit (it never waits), so a burst of fifty calls either
 * got {@code 503}s or, with the limit raised to let them all in, the service's long tail
 * back. One caller's share of these places is Resilience4j's (see
 * {@link ConcurrencyLimitGatewayFilterFactory}).
 */
final class FairConcurrencyLimiter {

	private final int limit;

	private final int maxWaiting;

	private final Duration maxWait;

	private final Scheduler timer;

	private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

	private int inFlight;

	FairConcurrencyLimiter(int limit, int maxWaiting, Duration maxWait, Scheduler timer) {
		if (limit < 1 || maxWaiting < 0 || maxWait.isNegative()) {
			throw new IllegalArgumentException(
					"limit " + limit + ", maxWaiting " + maxWaiting + ", maxWait " + maxWait);
		}
		this.limit = limit;
		this.maxWaiting = maxWaiting;
		this.maxWait = maxWait;
		this.timer = timer;
	}

	/**
	 * {@code call}, once it has a place; its place is given back however it ends
	 * (completion, error, cancel).
	 */
	<T> Mono<T> run(Mono<T> call) {
		return Mono.usingWhen(acquire(), (permit) -> call, (permit) -> giveBack(), (permit, error) -> giveBack(),
				(permit) -> giveBack());
	}

	private Mono<Void> giveBack() {
		release();
		return Mono.empty();
	}

	synchronized int inFlight() {
		return this.inFlight;
	}

	synchronized int waiting() {
		return this.waiting.size();
	}

	/**
	 * A place: completes with one at once or once one is handed over; cancelled, gives it
	 * back or hands it on.
	 */
	Mono<Boolean> acquire() {
		return Mono.create((sink) -> {
			Waiter waiter = new Waiter(sink);
			boolean granted;
			synchronized (this) {
				granted = this.inFlight < this.limit && this.waiting.isEmpty();
				if (granted) {
					this.inFlight++;
					waiter.state.set(Waiter.GRANTED);
				}
				else if (this.waiting.size() >= this.maxWaiting) {
					sink.error(new ConcurrencyLimitExceededException("too many calls waiting"));
					return;
				}
				else {
					this.waiting.addLast(waiter);
				}
			}
			// Before the place is delivered: a caller that leaves first gives it back
			// (see cancelled).
			sink.onCancel(() -> cancelled(waiter));
			if (granted) {
				sink.success(Boolean.TRUE);
			}
			else {
				waiter.timer = this.timer.schedule(() -> timedOut(waiter), this.maxWait.toNanos(),
						TimeUnit.NANOSECONDS);
			}
		});
	}

	/** Hands the place to the longest waiter still waiting, or frees it. */
	private void release() {
		while (true) {
			Waiter next;
			synchronized (this) {
				next = this.waiting.pollFirst();
				if (next == null) {
					this.inFlight--;
					return;
				}
			}
			if (next.state.compareAndSet(Waiter.WAITING, Waiter.GRANTED)) {
				next.stopTimer();
				next.sink.success(Boolean.TRUE);
				return;
			}
			// That waiter timed out or left at this very moment: the place goes to the
			// one after it.
		}
	}

	private void timedOut(Waiter waiter) {
		if (waiter.state.compareAndSet(Waiter.WAITING, Waiter.TIMED_OUT)) {
			remove(waiter);
			waiter.sink.error(new ConcurrencyLimitExceededException("no place came free within " + this.maxWait));
		}
	}

	private void cancelled(Waiter waiter) {
		if (waiter.state.compareAndSet(Waiter.WAITING, Waiter.CANCELLED)) {
			remove(waiter);
			waiter.stopTimer();
		}
		else if (waiter.state.get() == Waiter.GRANTED) {
			// The place was given before the caller left but never reached the call (a
			// delivered place is given back by run's usingWhen, and a sink that delivered
			// is not cancelled): hand it on.
			release();
		}
	}

	private synchronized void remove(Waiter waiter) {
		this.waiting.remove(waiter);
	}

	/** One call waiting; exactly one of hand-over, time-out and cancel settles it. */
	private static final class Waiter {

		static final int WAITING = 0;

		static final int GRANTED = 1;

		static final int TIMED_OUT = 2;

		static final int CANCELLED = 3;

		final MonoSink<Boolean> sink;

		final AtomicInteger state = new AtomicInteger(WAITING);

		volatile Disposable timer;

		Waiter(MonoSink<Boolean> sink) {
			this.sink = sink;
		}

		void stopTimer() {
			Disposable scheduled = this.timer;
			if (scheduled != null) {
				scheduled.dispose();
			}
		}

	}

}
