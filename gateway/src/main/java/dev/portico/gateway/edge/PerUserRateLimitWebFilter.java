package dev.portico.gateway.edge;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.Problems;
import dev.portico.platform.web.ratelimit.KeyedTokenBucket;
import dev.portico.platform.web.reactive.ReactiveProblemResponses;

/**
 * Per-user API rate limit: each signed-in user (by token subject), or each client address before sign-in, gets a
 * bucket of {@code burstPerUser} calls refilled at {@code requestsPerSecondPerUser}. Past it the answer is a
 * {@code 429} problem with {@code Retry-After}, so one runaway script cannot starve everyone else. Kept in memory
 * per gateway instance: with several replicas a user's effective limit is that many times higher, which still
 * bounds abuse without a shared store on the request path.
 */
@Component
class PerUserRateLimitWebFilter implements WebFilter, Ordered {

	private final KeyedTokenBucket<String> buckets;

	private final ForwardedClientHeaders clients;

	private final ReactiveProblemResponses responses;

	PerUserRateLimitWebFilter(EdgeProperties properties, ForwardedClientHeaders clients,
			ReactiveProblemResponses responses) {
		Duration refill = Duration.ofMillis(1000L * properties.burstPerUser() / properties.requestsPerSecondPerUser());
		this.buckets = new KeyedTokenBucket<>(properties.burstPerUser(), refill, properties.trackedUsers(),
				Clock.systemUTC());
		this.clients = clients;
		this.responses = responses;
	}

	@Override
	public int getOrder() {
		// After Spring Security's filter chain (-100), so the caller is known.
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal()
			.map(PerUserRateLimitWebFilter::userKey)
			.defaultIfEmpty("")
			.flatMap((user) -> {
				String key = user.isEmpty() ? "address:" + this.clients.clientAddress(exchange.getRequest()) : user;
				KeyedTokenBucket.Decision decision = this.buckets.tryAcquire(key);
				if (decision.allowed()) {
					return chain.filter(exchange);
				}
				exchange.getResponse()
					.getHeaders()
					.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
				return this.responses.write(exchange, Problems.of(ProblemType.TOO_MANY_REQUESTS,
						"Too many requests; retry after " + decision.retryAfterSeconds() + " s.",
						exchange.getRequest().getPath().value()));
			});
	}

	private static String userKey(Principal principal) {
		// The token's subject, so that fetching new tokens does not reset a user's budget.
		if (principal instanceof AbstractOAuth2TokenAuthenticationToken<?> token && token.getToken() instanceof Jwt jwt) {
			return "user:" + jwt.getSubject();
		}
		return "user:" + principal.getName();
	}

}
