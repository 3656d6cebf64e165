package dev.portico.gateway.routing;

import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.Problems;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker sends a request its service could not answer (down, too
 * slow, circuit open): a {@code 503} problem with {@code Retry-After}, so clients back
 * off instead of hanging or retrying at once.
 */
@RestController
class FallbackController {

	private final GatewayProperties properties;

	FallbackController(GatewayProperties properties) {
		this.properties = properties;
	}

	@RequestMapping("/fallback/{service}")
	Mono<ResponseEntity<ProblemDetail>> unavailable(@PathVariable String service, ServerWebExchange exchange) {
		String name = this.properties.services().containsKey(service) ? service : "A service";
		ProblemDetail problem = Problems.of(ProblemType.SERVICE_UNAVAILABLE,
				name + " is not available at the moment; try again shortly.", originalPath(exchange));
		return Mono.just(ResponseEntity.status(problem.getStatus())
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(this.properties.retryAfter().toSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem));
	}

	private static String originalPath(ServerWebExchange exchange) {
		return exchange.getAttribute(OriginalPathFilter.ATTRIBUTE);
	}

}
