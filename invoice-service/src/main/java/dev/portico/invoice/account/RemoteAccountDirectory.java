package dev.portico.invoice.account;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.portico.platform.security.TokenRelay;
import dev.portico.platform.security.access.AccountAccessProperties;
import dev.portico.platform.web.DependencyUnavailable;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks account-service's internal billing endpoint, relaying the caller's token. Not cached: issuing is rare, and the
 * invoice must carry the payer's name and address as they are that day. Same address, timeouts and circuit-breaker
 * wait as the access checks, whose settings an operator already knows.
 */
@Component
class RemoteAccountDirectory implements AccountDirectory {

	private static final String BILLING_PATH = "/internal/accounts/{accountId}/billing";

	private final RestClient client;

	private final CircuitBreaker circuitBreaker;

	private final Duration retryAfter;

	RemoteAccountDirectory(ObjectProvider<RestClient.Builder> builders, AccountAccessProperties properties) {
		RestClient.Builder builder = builders.getIfAvailable(RestClient::builder);
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(properties.timeout());
		requests.setReadTimeout(properties.timeout());
		this.client = builder.clone().baseUrl(properties.accountServiceUrl().toString()).requestFactory(requests).build();
		this.retryAfter = properties.openCircuitWait();
		this.circuitBreaker = CircuitBreaker.of("account-billing", CircuitBreakerConfig.custom()
			.slidingWindowSize(20)
			.minimumNumberOfCalls(10)
			.waitDurationInOpenState(properties.openCircuitWait())
			.ignoreExceptions(HttpClientErrorException.class)
			.build());
	}

	@Override
	public Optional<BillingParty> billingPartyOf(UUID accountId) {
		try {
			return this.circuitBreaker.executeSupplier(() -> fetch(accountId));
		}
		catch (CallNotPermittedException | RestClientException ex) {
			throw new DependencyUnavailable("account service", this.retryAfter);
		}
	}

	private Optional<BillingParty> fetch(UUID accountId) {
		try {
			return Optional.ofNullable(this.client.get()
				.uri(BILLING_PATH, accountId)
				.headers(TokenRelay::relayCallerToken)
				.retrieve()
				.body(BillingParty.class));
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode() == HttpStatus.NOT_FOUND) {
				return Optional.empty();
			}
			throw ex;
		}
	}

}
