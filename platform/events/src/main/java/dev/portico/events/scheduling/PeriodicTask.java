package dev.portico.events.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * Housekeeping of the event mechanisms that runs every {@code every} on a daemon thread
 * of its own while the application runs: started and stopped with the context, so it
 * needs no {@code @EnableScheduling} in the services and never runs before the database
 * and Kafka clients are up.
 */
public abstract class PeriodicTask implements SmartLifecycle {

	private final String threadName;

	private final Duration every;

	private ScheduledExecutorService scheduler;

	protected PeriodicTask(String threadName, Duration every) {
		this.threadName = threadName;
		this.every = every;
	}

	/**
	 * One round; a failure must be caught inside, or the rounds after it would not run.
	 */
	protected abstract void runOnce();

	@Override
	public synchronized void start() {
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(this.threadName).daemon().factory());
		long millis = this.every.toMillis();
		this.scheduler.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
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

}
