package dev.portico.auth.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * auth-service's settings ({@code portico.auth.*}); every value has a default that runs
 * the local suite.
 *
 * @param keycloak where Keycloak is and how auth-service signs in to it
 * @param rateLimits login and forgot-password limits per user name and per client address
 * @param trustedProxies peers whose {@code X-Forwarded-For} is believed (the gateway),
 * IPs or CIDR blocks
 * @param lockoutWait how long a user name is locked at a client address after
 * {@code failuresBeforeLockout} wrong passwords from there (doubling with each further
 * lockout); also the realm's {@code waitIncrementSeconds}, the base of the
 * {@code Retry-After} when Keycloak's own backstop has locked a user who tries to change
 * the password
 * @param failuresBeforeLockout wrong passwords for one user name from one client address
 * before it is locked there
 * @param maxLockout the longest lockout of a user name at an address
 * @param resetTokenTtl how long a forgot-password link stays valid
 * @param setPasswordTokenTtl how long the set-password link of a newly provisioned user
 * stays valid
 * @param resetLinkBase the page that takes the reset token ({@code ?token=...} is
 * appended)
 * @param mailFrom sender of auth-service's e-mails
 * @param minPasswordScore the least strength (0 to 4 on zxcvbn's scale; 3 is about 10^10
 * guesses) of a password a user chooses on change or reset, so that leaked, common and
 * guessable ones are refused
 */
@ConfigurationProperties("portico.auth")
public record AuthProperties(@DefaultValue Keycloak keycloak, @DefaultValue RateLimits rateLimits, @DefaultValue( {
		"127.0.0.1", "::1" }) List<String> trustedProxies, @DefaultValue("60s") Duration lockoutWait,
		@DefaultValue("5") int failuresBeforeLockout, @DefaultValue("15m") Duration maxLockout,
		@DefaultValue("30m") Duration resetTokenTtl, @DefaultValue("72h") Duration setPasswordTokenTtl,
		@DefaultValue("http://localhost:8080/reset-password") URI resetLinkBase,
		@DefaultValue("no-reply@portico.test") String mailFrom, @DefaultValue("3") int minPasswordScore){

	/**
	 * @param baseUrl Keycloak's base URL, without {@code /realms}; by default the one of
	 * the issuer that {@code portico.security.issuer-uri} names, so a suite that moves
	 * Keycloak's port moves it for us too
	 * @param realm the portal's realm
	 * @param clientId the confidential client allowed the password grant, whose service
	 * account manages users
	 * @param clientSecret its secret ({@code PORTAL_AUTH_SERVICE_CLIENT_SECRET}),
	 * required: there is no default, so a deployment that forgot it does not start rather
	 * than run with a value everyone knows (the local run sets the development realm's)
	 * @param connectTimeout connect timeout of every call to Keycloak
	 * @param readTimeout read timeout of every call to Keycloak
	 * @param circuitOpenFor how long calls fail fast (503) once Keycloak looks down
	 */
	public record Keycloak(URI baseUrl, @DefaultValue("portal") String realm,
			@DefaultValue("auth-service") String clientId, String clientSecret,
			@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
			@DefaultValue("10s") Duration circuitOpenFor) {

		public Keycloak {
			if (clientSecret == null || clientSecret.isBlank()) {
				throw new IllegalArgumentException("portico.auth.keycloak.client-secret is not set: set "
						+ "PORTAL_AUTH_SERVICE_CLIENT_SECRET to the secret of the realm's auth-service client");
			}
		}

		/**
		 * {@link #baseUrl}, or the server part of the token issuer
		 * ({@code http://host:port/realms/portal}).
		 */
		public URI effectiveBaseUrl(URI issuerUri) {
			if (this.baseUrl != null) {
				return this.baseUrl;
			}
			String issuer = issuerUri.toString();
			int realms = issuer.indexOf("/realms/");
			return URI.create((realms >= 0) ? issuer.substring(0, realms) : issuer);
		}

		@Override
		public String toString() {
			return "Keycloak[baseUrl=" + this.baseUrl + ", realm=" + this.realm + ", clientId=" + this.clientId + "]";
		}

	}

	/**
	 * Requests allowed per minute, as token buckets of that size refilling over a minute.
	 *
	 * @param loginPerUsername login attempts per user name from one client address (a
	 * stranger elsewhere does not spend a customer's)
	 * @param loginPerAddress login attempts per client address (docs/api.md: at least 60)
	 * @param forgotPerUsername forgot-password requests per user name or e-mail (any
	 * address: a reset mail goes to the user, whoever asks)
	 * @param forgotPerAddress forgot-password requests per client address
	 * @param maxKeys user names or addresses remembered per limit (bounds memory)
	 */
	public record RateLimits(@DefaultValue("10") int loginPerUsername, @DefaultValue("120") int loginPerAddress,
			@DefaultValue("5") int forgotPerUsername, @DefaultValue("30") int forgotPerAddress,
			@DefaultValue("100000") int maxKeys) {

	}

}
