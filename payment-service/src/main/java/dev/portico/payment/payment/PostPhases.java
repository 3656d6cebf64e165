package dev.portico.payment.payment;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Where a payment's {@code POST} spends its time:
 * {@code portico_payments_post_phase_seconds{phase}}, for the key's lookup, the checks
 * (with invoice-service's open balance), the claim of the key and the pending payment,
 * the processor's charge, and settling with its event and the stored answer.
 * bench/payments.sh prints them.
 */
final class PostPhases {

	private final MeterRegistry meters;

	private long since = System.nanoTime();

	PostPhases(MeterRegistry meters) {
		this.meters = meters;
	}

	void done(String phase) {
		long now = System.nanoTime();
		Timer.builder("portico.payments.post.phase")
			.description("Time of a payment request spent in each of its phases")
			.tag("phase", phase)
			.register(this.meters)
			.record(now - this.since, TimeUnit.NANOSECONDS);
		this.since = now;
	}

}
