package dev.portico.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services are and how long a client is asked to wait before retrying one that is down.
 *
 * @param services base URL per service ({@code PORTICO_GATEWAY_SERVICES_ACCOUNT}, ...); by URL locally, by service
 * DNS on Kubernetes
 * @param retryAfter the {@code Retry-After} of the {@code 503} answered while a service is down
 * @param healthTimeout how long the health check waits for each service's readiness
 */
@ConfigurationProperties("portico.gateway")
public record GatewayProperties(Map<String, URI> services, @DefaultValue("5s") Duration retryAfter,
		@DefaultValue("2s") Duration healthTimeout) {

	public GatewayProperties {
		services = Map.copyOf(services);
	}

}
