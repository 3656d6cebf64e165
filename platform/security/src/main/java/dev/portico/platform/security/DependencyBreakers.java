package dev.portico.platform.security;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The circuit breaker around a service's calls to another service or to Keycloak, with
 * the suite's thresholds (half of the last 20 calls failed, 10 at least) and its state
 * and calls as {@code resilience4j_circuitbreaker_*} metrics, so that every dependency
 * opens and reports the same way.
 */
public final class DependencyBreakers {

	private DependencyBreakers() {
	}

	/**
	 * @param name the dependency, as the metrics tag it
	 * @param openFor how long an open circuit refuses calls before it tries one again
	 * @param meters where its metrics go; {@code null} for none
	 * @param adjust changes to the suite's thresholds, e.g. which failures count
	 */
	public static CircuitBreaker of(String name, Duration openFor, MeterRegistry meters,
			UnaryOperator<CircuitBreakerConfig.Builder> adjust) {
		CircuitBreakerConfig.Builder config = CircuitBreakerConfig.custom()
			.slidingWindowSize(20)
			.minimumNumberOfCalls(10)
			.failureRateThreshold(50)
			.waitDurationInOpenState(openFor);
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(adjust.apply(config).build());
		if (meters != null) {
			TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
		}
		return breakers.circuitBreaker(name);
	}

}
