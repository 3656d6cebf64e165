package dev.portico.platform.security.access;

import java.time.Duration;
import java.util.Optional;

import dev.portico.platform.security.ClientCredentialsTokens;
import dev.portico.platform.security.ServiceTokens;
import dev.portico.platform.web.DependencyUnavailable;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * How services read account-service's internal endpoints: with the service's own token
 * ({@link ServiceTokens}: internal endpoints answer services only, never a customer's
 * token), connect and read timeouts, a circuit breaker, {@code 404} as "no such account",
 * and every other failure as {@code 503} + {@code Retry-After} to the caller — never a
 * hang.
 */
public final class AccountServiceClient {

	private final RestClient client;

	private final CircuitBreaker circuitBreaker;

	private final Duration retryAfter;

	private final ServiceTokens serviceTokens;

	public AccountServiceClient(RestClient.Builder builder, AccountAccessProperties properties,
			CircuitBreaker circuitBreaker, ServiceTokens serviceTokens) {
		this.serviceTokens = serviceTokens;
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(properties.timeout());
		requests.setReadTimeout(properties.timeout());
		this.client = builder.clone()
			.baseUrl(properties.accountServiceUrl().toString())
			.requestFactory(requests)
			.build();
		this.circuitBreaker = circuitBreaker;
		this.retryAfter = properties.openCircuitWait();
	}

	/** GET of {@code path}; empty when account-service answers {@code 404}. */
	public <T> Optional<T> find(String path, Class<T> type, Object... uriVariables) {
		try {
			return this.circuitBreaker.executeSupplier(() -> fetch(path, type, uriVariables));
		}
		catch (CallNotPermittedException | RestClientException | ClientCredentialsTokens.ServiceTokenUnavailable ex) {
			throw new DependencyUnavailable("account service", this.retryAfter);
		}
	}

	private <T> Optional<T> fetch(String path, Class<T> type, Object... uriVariables) {
		try {
			return Optional.ofNullable(this.client.get()
				.uri(path, uriVariables)
				.headers(this.serviceTokens::authorize)
				.retrieve()
				.body(type));
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode() == HttpStatus.NOT_FOUND) {
				return Optional.empty();
			}
			throw ex;
		}
	}

}
