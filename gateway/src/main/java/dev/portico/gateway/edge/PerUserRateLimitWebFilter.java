package dev.portico.gateway.edge;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.Problems;
import dev.portico.platform.web.reactive.ReactiveProblemResponses;

/**
 * Per-user API rate limit: each signed-in user, or each client address before sign-in
 * (see {@link CallerKey}), may make {@code burstPerUser} calls per
 * {@code burstPerUser / requestsPerSecondPerUser} seconds, counted by a Resilience4j rate
 * limiter of its own. Past it the answer is a {@code 429} problem with
 * {@code Retry-After}, so one runaway script cannot starve everyone else. Kept in memory
 * per gateway instance: with several replicas a user's effective limit is that many times
 * higher, which still bounds abuse without a shared store on the request path.
 */
@Component
class PerUserRateLimitWebFilter implements WebFilter, Ordered {

	private final LoadingCache<String, AtomicRateLimiter> limiters;

	private final ForwardedClientHeaders clients;

	private final ReactiveProblemResponses responses;

	PerUserRateLimitWebFilter(EdgeProperties properties, ForwardedClientHeaders clients,
			ReactiveProblemResponses responses) {
		Duration period = Duration.ofMillis(1000L * properties.burstPerUser() / properties.requestsPerSecondPerUser());
		RateLimiterConfig config = RateLimiterConfig.custom()
			.limitForPeriod(properties.burstPerUser())
			.limitRefreshPeriod(period)
			.timeoutDuration(Duration.ZERO)
			.build();
		// A limiter untouched for a whole period would be full again: dropping it forgets
		// nothing.
		this.limiters = Caffeine.newBuilder()
			.maximumSize(properties.trackedUsers())
			.expireAfterAccess(period)
			.build((key) -> new AtomicRateLimiter(key, config));
		this.clients = clients;
		this.responses = responses;
	}

	@Override
	public int getOrder() {
		// After Spring Security's filter chain (-100), so the caller is known.
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal().map(CallerKey::user).defaultIfEmpty("").flatMap((user) -> {
			String key = user.isEmpty() ? CallerKey.address(this.clients.clientAddress(exchange.getRequest())) : user;
			exchange.getAttributes().put(CallerKey.ATTRIBUTE, key);
			AtomicRateLimiter limiter = this.limiters.get(key);
			if (limiter.acquirePermission()) {
				return chain.filter(exchange);
			}
			long retryAfter = retryAfterSeconds(limiter);
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
			return this.responses.write(exchange, Problems.of(ProblemType.TOO_MANY_REQUESTS,
					"Too many requests; retry after " + retryAfter + " s.", exchange.getRequest().getPath().value()));
		});
	}

	/**
	 * Until the limiter's next period, in whole seconds, at least 1, as
	 * {@code Retry-After} wants.
	 */
	private static long retryAfterSeconds(AtomicRateLimiter limiter) {
		long nanos = limiter.getDetailedMetrics().getNanosToWait();
		return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
	}

}
