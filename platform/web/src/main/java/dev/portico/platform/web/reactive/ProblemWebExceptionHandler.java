package dev.portico.platform.web.reactive;

import java.net.ConnectException;

import dev.portico.platform.web.PortalException;
import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The reactive twin of the servlet problem handling: any error that reaches the top of a
 * WebFlux application (no route, wrong method, a downstream failure) leaves as an RFC
 * 9457 problem, never as Boot's error JSON.
 */
public class ProblemWebExceptionHandler implements WebExceptionHandler, Ordered {

	private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

	private final ReactiveProblemResponses responses;

	public ProblemWebExceptionHandler(ReactiveProblemResponses responses) {
		this.responses = responses;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		String path = exchange.getRequest().getPath().value();
		boolean unreachable = isUnreachable(ex);
		ProblemDetail problem = toProblem(ex, unreachable, path);
		if (ex instanceof ResponseStatusException statusException) {
			response.getHeaders().addAll(statusException.getHeaders());
		}
		if (ex instanceof PortalException portal) {
			portal.headers().forEach(response.getHeaders()::set);
		}
		if (unreachable) {
			response.getHeaders().set("Retry-After", "5");
		}
		return this.responses.write(exchange, problem);
	}

	private ProblemDetail toProblem(Throwable ex, boolean unreachable, String path) {
		if (ex instanceof PortalException portal) {
			return Problems.of(portal, path);
		}
		if (ex instanceof ResponseStatusException statusException) {
			int status = statusException.getStatusCode().value();
			ProblemType type = ProblemType.forStatus(status);
			String detail = switch (status) {
				case 404 -> "No resource at this path.";
				case 405 -> "This method is not supported here.";
				case 413 -> "The request body is too large.";
				case 415 -> "Send the body as application/json.";
				default -> type.title() + ".";
			};
			return Problems.of(statusException.getStatusCode(), type.uri(), type.title(), detail, path);
		}
		if (unreachable) {
			// A route without a circuit breaker (a long-lived stream) whose service is
			// down.
			return Problems.of(ProblemType.SERVICE_UNAVAILABLE,
					"The service is not available at the moment; try again shortly.", path);
		}
		log.error("Unexpected error on {}", path, ex);
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, ProblemType.INTERNAL_ERROR.uri(),
				ProblemType.INTERNAL_ERROR.title(), "The server could not complete the request.", path);
	}

	private static boolean isUnreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		// Ahead of Boot's DefaultErrorWebExceptionHandler (-1), which would answer in its
		// own JSON shape.
		return -2;
	}

}
