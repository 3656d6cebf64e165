package dev.portico.platform.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A service this one depends on did not answer in time or its circuit is open:
 * {@code 503} with {@code Retry-After}, so that clients back off instead of hammering a
 * struggling dependency.
 */
public class DependencyUnavailable extends RetryLater {

	public DependencyUnavailable(String dependency, Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
				"The " + dependency + " is not available right now; please retry shortly.", retryAfter.toSeconds());
	}

}
