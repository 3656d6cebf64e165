package dev.portico.gateway.routing;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.portico.gateway.edge.CallerKey;
import dev.portico.gateway.edge.EdgeProperties;
import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.Problems;
import dev.portico.platform.web.reactive.ReactiveProblemResponses;

/**
 * {@code ConcurrencyLimit} in a route's filters: the route's calls in flight are bounded,
 * the rest wait their turn (see {@link FairConcurrencyLimiter}); one limiter per route.
 * Listed after the route's {@code CircuitBreaker}, so a call that finds no place gets the
 * breaker's {@code 503} fallback. Not for event streams, which hold their place for as
 * long as a page is open. {@code limit} in the route's args overrides the default
 * ({@code portico.gateway.concurrency.limit}).
 * <p>
 * Within that, one caller (see {@link CallerKey}) holds at most its share of the places
 * ({@code portico.gateway.concurrency.user-share}), counted by a Resilience4j bulkhead
 * per caller: a call past it is refused at once with a {@code 429} problem rather than
 * queued, so a user rendering many PDFs at once cannot make everyone else wait. The
 * bulkheads live in a bounded cache; should one be dropped while its calls run, its
 * caller briefly gets a fresh share, never anyone else's.
 */
@Component
class ConcurrencyLimitGatewayFilterFactory
		extends AbstractGatewayFilterFactory<ConcurrencyLimitGatewayFilterFactory.Config> {

	/**
	 * A caller quiet this long has no call left in flight: every call ends within the
	 * routes' timeouts.
	 */
	private static final Duration IDLE_CALLER = Duration.ofMinutes(10);

	private final GatewayProperties.Concurrency settings;

	private final int trackedCallers;

	private final ReactiveProblemResponses responses;

	ConcurrencyLimitGatewayFilterFactory(GatewayProperties properties, EdgeProperties edge,
			ReactiveProblemResponses responses) {
		super(Config.class);
		this.settings = properties.concurrency();
		this.trackedCallers = edge.trackedUsers();
		this.responses = responses;
	}

	@Override
	public GatewayFilter apply(Config config) {
		int limit = (config.getLimit() != null) ? config.getLimit() : this.settings.limit();
		FairConcurrencyLimiter limiter = new FairConcurrencyLimiter(limit, this.settings.maxWaiting(),
				this.settings.maxWait(), Schedulers.parallel());
		BulkheadConfig share = BulkheadConfig.custom()
			.maxConcurrentCalls(this.settings.perCaller(limit))
			.maxWaitDuration(Duration.ZERO)
			.build();
		LoadingCache<String, Bulkhead> shares = Caffeine.newBuilder()
			.maximumSize(this.trackedCallers)
			.expireAfterAccess(IDLE_CALLER)
			.build((caller) -> Bulkhead.of(caller, share));
		return (exchange, chain) -> {
			String caller = CallerKey.of(exchange);
			Mono<Void> call = limiter.run(chain.filter(exchange));
			if (caller == null) {
				return call;
			}
			return call.transformDeferred(BulkheadOperator.of(shares.get(caller)))
				.onErrorResume(BulkheadFullException.class, (full) -> tooManyAtOnce(exchange));
		};
	}

	private Mono<Void> tooManyAtOnce(ServerWebExchange exchange) {
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		return this.responses.write(exchange,
				Problems.of(ProblemType.TOO_MANY_REQUESTS,
						"Too many calls at once; wait for your other calls to finish, or retry after 1 s.",
						exchange.getRequest().getPath().value()));
	}

	/**
	 * A route's own limit, where its calls mostly wait on something other than the
	 * service's database.
	 */
	public static class Config {

		private Integer limit;

		public Integer getLimit() {
			return this.limit;
		}

		public void setLimit(Integer limit) {
			this.limit = limit;
		}

	}

}
