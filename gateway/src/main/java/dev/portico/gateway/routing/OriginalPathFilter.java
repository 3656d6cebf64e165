package dev.portico.gateway.routing;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Remembers the path the client asked for, so a fallback's problem names it rather than
 * the fallback's own.
 */
@Component
class OriginalPathFilter implements WebFilter, Ordered {

	static final String ATTRIBUTE = OriginalPathFilter.class.getName() + ".path";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getAttributes().putIfAbsent(ATTRIBUTE, exchange.getRequest().getPath().value());
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
