package dev.portico.web.api;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * Starts a page's independent API calls side by side, so that a page waits for its
 * slowest call rather than for the sum of them. Each call runs on a virtual thread with
 * the user's access token (taken on the request's thread), the request id and the trace,
 * and nothing else of the request: a call the page no longer waits for may outlive the
 * request, whose objects the container then reuses for someone else's.
 */
@Component
public class ApiCalls {

	private final UserToken token;

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	public ApiCalls(UserToken token) {
		this.token = token;
	}

	/**
	 * Starts {@code call}; the returned supplier waits for it and throws what it threw.
	 */
	public <T> Supplier<T> fork(Supplier<T> call) {
		// Refreshed here, once, if it has expired: calls started together never race to
		// refresh the same token.
		String accessToken = this.token.accessToken();
		Map<String, String> mdc = MDC.getCopyOfContextMap();
		ContextSnapshot trace = this.snapshots.captureAll();
		FutureTask<T> task = new FutureTask<>(() -> {
			if (mdc != null) {
				MDC.setContextMap(mdc);
			}
			try (ContextSnapshot.Scope scope = trace.setThreadLocals()) {
				return UserToken.callingWith(accessToken, call);
			}
			finally {
				MDC.clear();
			}
		});
		Thread.ofVirtual().name("api-call").start(task);
		return () -> join(task);
	}

	private static <T> T join(FutureTask<T> task) {
		try {
			return task.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the API", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

}
