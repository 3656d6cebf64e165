package dev.portico.platform.web.reactive;

import dev.portico.platform.web.RequestIds;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an id, echoes it on the response and forwards it downstream, so the
 * services' log lines of one call share the gateway's id.
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = RequestIds.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		ServerWebExchange withId = exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.set(RequestIds.HEADER, requestId)))
			.build();
		withId.getAttributes().put(RequestIds.MDC_KEY, requestId);
		// Set just before the response is written, replacing the copy a proxied service
		// echoes back.
		withId.getResponse().beforeCommit(() -> {
			withId.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
			return Mono.empty();
		});
		return chain.filter(withId).contextWrite((context) -> context.put(RequestIds.MDC_KEY, requestId));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
