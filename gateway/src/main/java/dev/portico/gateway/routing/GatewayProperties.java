package dev.portico.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services are and how long a client is asked to wait before retrying one that
 * is down.
 *
 * @param services base URL per service ({@code PORTICO_GATEWAY_SERVICES_ACCOUNT}, ...);
 * by URL locally, by service DNS on Kubernetes
 * @param retryAfter the {@code Retry-After} of the {@code 503} answered while a service
 * is down
 * @param healthTimeout how long the health check waits for each service's readiness
 * @param concurrency how many calls each service gets at once from this gateway, and how
 * the rest wait
 */
@ConfigurationProperties("portico.gateway")
public record GatewayProperties(Map<String, URI> services, @DefaultValue("5s") Duration retryAfter,
		@DefaultValue("2s") Duration healthTimeout, @DefaultValue Concurrency concurrency) {

	public GatewayProperties {
		services = Map.copyOf(services);
	}

	/**
	 * @param limit calls in flight per service (per route of the API) from this gateway
	 * instance, unless the route sets its own
	 * @param maxWaiting calls that may wait for a place per service; one more is refused
	 * at once
	 * @param maxWait how long a call waits for a place before its {@code 503}
	 * @param userShare the share of a service's places one caller (user, or address
	 * before sign-in) may hold at once; a call past it is refused at once with a
	 * {@code 429}, so that one user cannot take every place from the rest
	 */
	public record Concurrency(@DefaultValue("10") int limit, @DefaultValue("400") int maxWaiting,
			@DefaultValue("1s") Duration maxWait, @DefaultValue("0.5") double userShare) {

		public Concurrency {
			if (!(userShare > 0 && userShare <= 1)) {
				throw new IllegalArgumentException("user-share must be above 0 and at most 1, not " + userShare);
			}
		}

		/**
		 * Places one caller may hold of a service that has {@code places}: at least one.
		 */
		int perCaller(int places) {
			return Math.max(1, (int) Math.floor(places * this.userShare));
		}

	}

}
