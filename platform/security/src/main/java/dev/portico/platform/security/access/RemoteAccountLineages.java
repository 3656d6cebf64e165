package dev.portico.platform.security.access;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.portico.platform.security.TokenRelay;
import dev.portico.platform.web.DependencyUnavailable;

/**
 * Lineages from account-service's internal endpoint, cached briefly. A cached call rather than a local replica fed
 * by {@code accounts.v1}: each service would otherwise keep a copy of up to millions of accounts and a consumer
 * for it, while the hierarchy changes rarely and one lookup per account per {@code cacheTtl} is cheap. The
 * caller's token is relayed, so account-service sees who asks.
 */
public class RemoteAccountLineages implements AccountLineages {

	private static final String LINEAGE_PATH = "/internal/accounts/{accountId}/lineage";

	private final RestClient client;

	private final CircuitBreaker circuitBreaker;

	private final Cache<UUID, Optional<AccountLineage>> cache;

	private final Duration retryAfter;

	public RemoteAccountLineages(RestClient.Builder builder, AccountAccessProperties properties,
			CircuitBreaker circuitBreaker) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(properties.timeout());
		requests.setReadTimeout(properties.timeout());
		this.client = builder.clone().baseUrl(properties.accountServiceUrl().toString()).requestFactory(requests).build();
		this.circuitBreaker = circuitBreaker;
		this.retryAfter = properties.openCircuitWait();
		this.cache = Caffeine.newBuilder()
			.maximumSize(properties.cacheSize())
			.expireAfter(Expiry.<UUID, Optional<AccountLineage>>creating(
					(id, lineage) -> lineage.isPresent() ? properties.cacheTtl() : properties.unknownTtl()))
			.build();
	}

	@Override
	public Optional<AccountLineage> find(UUID accountId) {
		try {
			return this.cache.get(accountId, (id) -> this.circuitBreaker.executeSupplier(() -> fetch(id)));
		}
		catch (CallNotPermittedException | RestClientException ex) {
			throw new DependencyUnavailable("account service", this.retryAfter);
		}
	}

	private Optional<AccountLineage> fetch(UUID accountId) {
		try {
			return Optional.ofNullable(this.client.get()
				.uri(LINEAGE_PATH, accountId)
				.headers(TokenRelay::relayCallerToken)
				.retrieve()
				.body(AccountLineage.class));
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode() == HttpStatus.NOT_FOUND) {
				return Optional.empty();
			}
			throw ex;
		}
	}

}
