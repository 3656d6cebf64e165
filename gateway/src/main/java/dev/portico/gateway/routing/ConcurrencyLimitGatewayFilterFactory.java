package dev.portico.gateway.routing;

import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ConcurrencyLimit} in a route's filters: the route's calls in flight are bounded, the rest wait their turn
 * (see {@link FairConcurrencyLimiter}); one limiter per route. Listed after the route's {@code CircuitBreaker}, so a
 * call that finds no place gets the breaker's {@code 503} fallback. Not for event streams, which hold their place for
 * as long as a page is open. {@code limit} in the route's args overrides the default
 * ({@code portico.gateway.concurrency.limit}).
 */
@Component
class ConcurrencyLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<ConcurrencyLimitGatewayFilterFactory.Config> {

	private final GatewayProperties.Concurrency settings;

	ConcurrencyLimitGatewayFilterFactory(GatewayProperties properties) {
		super(Config.class);
		this.settings = properties.concurrency();
	}

	@Override
	public GatewayFilter apply(Config config) {
		int limit = (config.getLimit() != null) ? config.getLimit() : this.settings.limit();
		FairConcurrencyLimiter limiter = new FairConcurrencyLimiter(limit, this.settings.maxWaiting(),
				this.settings.maxWait(), Schedulers.parallel());
		return (exchange, chain) -> limiter.run(chain.filter(exchange));
	}

	/** A route's own limit, where its calls mostly wait on something other than the service's database. */
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
