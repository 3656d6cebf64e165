package dev.portico.platform.web.reactive;

import dev.portico.platform.web.Problems;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a problem straight to a reactive response, for handlers that run outside
 * WebFlux's controllers.
 */
public class ReactiveProblemResponses {

	private final JsonMapper jsonMapper;

	public ReactiveProblemResponses(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = this.jsonMapper.writeValueAsBytes(Problems.toMap(problem));
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
