package dev.portico.platform.security.access;

import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Lineages from account-service's internal endpoint, cached briefly. A cached call rather
 * than a local replica fed by {@code accounts.v1}: each service would otherwise keep a
 * copy of up to millions of accounts and a consumer for it, while the hierarchy changes
 * rarely and one lookup per account per {@code cacheTtl} is cheap.
 */
public class RemoteAccountLineages implements AccountLineages {

	private static final String LINEAGE_PATH = "/internal/accounts/{accountId}/lineage";

	private final AccountServiceClient accountService;

	private final Cache<UUID, Optional<AccountLineage>> cache;

	public RemoteAccountLineages(AccountServiceClient accountService, AccountAccessProperties properties) {
		this.accountService = accountService;
		this.cache = Caffeine.newBuilder()
			.maximumSize(properties.cacheSize())
			.expireAfter(Expiry.<UUID, Optional<AccountLineage>>creating(
					(id, lineage) -> lineage.isPresent() ? properties.cacheTtl() : properties.unknownTtl()))
			.build();
	}

	@Override
	public Optional<AccountLineage> find(UUID accountId) {
		// A failed lookup throws out of the loader, so failures are never cached.
		return this.cache.get(accountId, (id) -> this.accountService.find(LINEAGE_PATH, AccountLineage.class, id));
	}

}
