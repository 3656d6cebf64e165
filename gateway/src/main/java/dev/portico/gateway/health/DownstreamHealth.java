package dev.portico.gateway.health;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

import dev.portico.gateway.routing.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway is healthy only when the services it routes to are ready: one health
 * component per service, asking its readiness probe with a short timeout. Kept out of the
 * liveness group, so a service outage never restarts the gateway.
 */
@Configuration(proxyBeanMethods = false)
class DownstreamHealth {

	@Bean
	CompositeReactiveHealthContributor downstream(GatewayProperties properties) {
		WebClient client = WebClient.builder().build();
		Map<String, ReactiveHealthIndicator> indicators = new TreeMap<>();
		properties.services().forEach((name, uri) -> indicators.put(name, readiness(client, uri, properties)));
		return CompositeReactiveHealthContributor.fromMap(indicators);
	}

	private static ReactiveHealthIndicator readiness(WebClient client, URI base, GatewayProperties properties) {
		URI probe = URI.create(base.toString().replaceAll("/$", "") + "/actuator/health/readiness");
		return () -> client.get()
			.uri(probe)
			.exchangeToMono((response) -> Mono.just(response.statusCode().is2xxSuccessful() ? Health.up().build()
					: Health.down().withDetail("status", response.statusCode().value()).build()))
			.timeout(properties.healthTimeout())
			.onErrorResume((ex) -> Mono.just(Health.down().withDetail("error", ex.getClass().getSimpleName()).build()));
	}

}
