package dev.portico.platform.web.reactive;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.portico.platform.web.BodySizeLimits;
import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.Problems;

/**
 * The gateway's twin of the servlet body limit: a declared length above the limit is
 * refused before anything is proxied; a chunked body is counted as it streams through and
 * cut off with {@code 413} once it passes the limit, so that no service behind the
 * gateway receives more than it would accept.
 */
public class BodySizeLimitWebFilter implements WebFilter, Ordered {

	private final BodySizeLimits limits;

	private final ReactiveProblemResponses responses;

	public BodySizeLimitWebFilter(BodySizeLimits limits, ReactiveProblemResponses responses) {
		this.limits = limits;
		this.responses = responses;
	}

	@Override
	public int getOrder() {
		// Right after the request id, before security: an oversize body is refused
		// without reading it.
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long maxBytes = this.limits.forPath(request.getPath().value());
		long declared = request.getHeaders().getContentLength();
		if (declared > maxBytes) {
			return this.responses.write(exchange, Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
					"The request body exceeds " + maxBytes + " bytes.", request.getPath().value()));
		}
		if (declared >= 0) {
			return chain.filter(exchange);
		}
		ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				long[] total = { 0 };
				return super.getBody().handle((buffer, sink) -> {
					total[0] += buffer.readableByteCount();
					if (total[0] > maxBytes) {
						DataBufferUtils.release(buffer);
						sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
								"The request body exceeds " + maxBytes + " bytes."));
					}
					else {
						sink.next(buffer);
					}
				});
			}
		};
		return chain.filter(exchange.mutate().request(counted).build());
	}

}
