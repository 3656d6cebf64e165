package dev.portico.payment.processor;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.portico.payment.config.PaymentsProperties;
import dev.portico.payment.processor.PaymentProcessor.ChargeOutcome;
import dev.portico.payment.processor.PaymentProcessor.ChargeRequest;
import dev.portico.payment.processor.PaymentProcessor.OutcomeUnknown;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Every call to the processor, each within its own time limit whatever the adapter's
 * client does: a charge within {@code chargeTimeout}, a lookup within
 * {@code lookupTimeout}. A call that runs out of time, or fails in a way that does not
 * say what the processor did, is {@link OutcomeUnknown}; the call itself is left to
 * finish on its own virtual thread, and the processor's idempotency by reference makes a
 * later retry safe.
 */
@Component
public class ProcessorCalls implements DisposableBean {

	private final PaymentProcessor processor;

	private final Duration chargeTimeout;

	private final Duration lookupTimeout;

	private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

	ProcessorCalls(PaymentProcessor processor, PaymentsProperties properties) {
		this.processor = processor;
		this.chargeTimeout = properties.chargeTimeout();
		this.lookupTimeout = properties.lookupTimeout();
	}

	/**
	 * @throws OutcomeUnknown when the processor's answer did not come back in time
	 */
	public ChargeOutcome charge(ChargeRequest request) {
		return within(this.chargeTimeout, "charge", () -> this.processor.charge(request));
	}

	/**
	 * What the processor did with {@code reference}; empty when it never charged it.
	 * @throws OutcomeUnknown when the processor did not answer in time
	 */
	public Optional<ChargeOutcome> lookup(String reference) {
		return within(this.lookupTimeout, "lookup", () -> this.processor.lookup(reference));
	}

	/**
	 * @throws OutcomeUnknown when the processor did not answer in time
	 */
	public ChargeOutcome cancel(String reference) {
		return within(this.lookupTimeout, "cancel", () -> this.processor.cancel(reference));
	}

	/**
	 * @throws OutcomeUnknown when the processor did not answer in time
	 */
	public PaymentProcessor.RefundOutcome refund(PaymentProcessor.RefundRequest request) {
		return within(this.chargeTimeout, "refund", () -> this.processor.refund(request));
	}

	private <T> T within(Duration timeout, String call, Supplier<T> work) {
		CompletableFuture<T> future = CompletableFuture.supplyAsync(work, this.calls);
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new OutcomeUnknown("No answer to the " + call + " within " + timeout, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof OutcomeUnknown unknown) {
				throw unknown;
			}
			// Whether the request reached the processor is not known from here: the
			// reconciler asks.
			throw new OutcomeUnknown("The processor " + call + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OutcomeUnknown("Interrupted during the processor " + call, ex);
		}
	}

	@Override
	public void destroy() {
		this.calls.shutdownNow();
	}

}
