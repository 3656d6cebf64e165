package dev.portico.gateway.routing;

import io.micrometer.common.KeyValue;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Names a routed request's {@code uri} tag after the route's matched path pattern
 * ({@code /api/accounts/**}). WebFlux takes the tag from a controller's mapping, which
 * routed requests do not have, so every API call would be tagged {@code UNKNOWN} and the
 * /api availability and latency alerts (config/monitoring) would see nothing. A pattern,
 * never the raw path, keeps the tag's values few.
 */
@Component
class RouteObservationConvention extends DefaultServerRequestObservationConvention {

	@Override
	protected KeyValue uri(ServerRequestObservationContext context) {
		Object pattern = context.getAttributes().get(ServerWebExchangeUtils.GATEWAY_PREDICATE_MATCHED_PATH_ATTR);
		return (pattern instanceof String path) ? KeyValue.of("uri", path) : super.uri(context);
	}

}
