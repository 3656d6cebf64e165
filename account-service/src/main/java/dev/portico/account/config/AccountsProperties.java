package dev.portico.account.config;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an operator may tune in account-service.
 *
 * @param maxDepth deepest level an account may be opened at, a root being level 1
 * ({@code PORTICO_ACCOUNTS_MAX_DEPTH})
 * @param streams the live balance streams (Server-Sent Events)
 * @param timeZone where the provider's days begin: an invoice is due from midnight of its
 * due date there ({@code PORTICO_ACCOUNTS_TIME_ZONE})
 */
@ConfigurationProperties("portico.accounts")
public record AccountsProperties(@DefaultValue("20") int maxDepth, @DefaultValue Streams streams,
		@DefaultValue("UTC") ZoneId timeZone) {

	/**
	 * @param maxOpen open streams this instance holds at most; each is a connection and a
	 * (virtual) thread ({@code PORTICO_ACCOUNTS_STREAMS_MAX_OPEN})
	 * @param maxPerAccount open streams per user and account, so that one client cannot
	 * take them all, and nobody else watching the account (a parent's user, ops) can take
	 * a customer's ({@code PORTICO_ACCOUNTS_STREAMS_MAX_PER_ACCOUNT})
	 * @param heartbeat interval of the comment line that keeps proxies from closing an
	 * idle stream and detects clients that went away
	 * ({@code PORTICO_ACCOUNTS_STREAMS_HEARTBEAT})
	 * @param timeout a stream is closed after this and the client reconnects, so that no
	 * connection lives forever; sooner when the token that opened it expires
	 * ({@code PORTICO_ACCOUNTS_STREAMS_TIMEOUT})
	 * @param sessionCheck how often the sessions of the open streams are checked with
	 * Keycloak: a stream ends at most this long after its session (one call to Keycloak
	 * per open session each time) ({@code PORTICO_ACCOUNTS_STREAMS_SESSION_CHECK})
	 */
	public record Streams(@DefaultValue("1000") int maxOpen, @DefaultValue("5") int maxPerAccount,
			@DefaultValue("15s") Duration heartbeat, @DefaultValue("30m") Duration timeout,
			@DefaultValue("30s") Duration sessionCheck) {
	}

}
