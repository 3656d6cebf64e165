package dev.portico.platform.security.access;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How services other than account-service learn the hierarchy.
 *
 * @param accountServiceUrl where account-service answers its internal lineage endpoint
 * ({@code PORTICO_ACCOUNT_ACCESS_ACCOUNT_SERVICE_URL})
 * @param cacheTtl how long a known account's lineage is reused; a re-parented account is
 * seen after this at most
 * @param unknownTtl how long "no such account" is remembered, short so that a new account
 * is soon visible
 * @param cacheSize bound on cached lineages
 * @param timeout connect and read timeout of one lookup
 * @param openCircuitWait how long lookups fail fast after account-service kept failing
 */
@ConfigurationProperties("portico.account-access")
public record AccountAccessProperties(@DefaultValue("http://localhost:8082") URI accountServiceUrl,
		@DefaultValue("30s") Duration cacheTtl, @DefaultValue("5s") Duration unknownTtl,
		@DefaultValue("100000") long cacheSize, @DefaultValue("2s") Duration timeout,
		@DefaultValue("10s") Duration openCircuitWait) {

}
