package dev.portico.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How services trust access tokens.
 *
 * @param issuerUri the realm's issuer, exactly as in the tokens' {@code iss}
 * ({@code PORTICO_SECURITY_ISSUER_URI})
 * @param jwkSetUri where the signing keys are; defaults to Keycloak's certs endpoint of
 * the issuer
 * @param audience the audience every token must carry ({@code PORTICO_SECURITY_AUDIENCE})
 * @param publicPaths request paths open without a token (Ant-style patterns), beyond
 * health and API docs
 * @param jwksTimeout connect and read timeout for fetching the keys, so that a down
 * Keycloak cannot hang requests
 * @param verifiedTokenCacheSize how many verified tokens are remembered until they
 * expire, so that a client repeating its token is not RSA-verified on every call
 * ({@code 0} turns the cache off)
 * @param serviceClient the identity this service calls other services' internal endpoints
 * with
 */
@ConfigurationProperties("portico.security")
public record SecurityProperties(@DefaultValue("http://localhost:8180/realms/portal") URI issuerUri, URI jwkSetUri,
		@DefaultValue("portico-api") String audience, @DefaultValue List<String> publicPaths,
		@DefaultValue("3s") Duration jwksTimeout, @DefaultValue("2000") int verifiedTokenCacheSize,
		@DefaultValue ServiceClient serviceClient) {

	/**
	 * @param id the realm's confidential client whose service account has the realm role
	 * {@code service}
	 * @param secret its secret ({@code PORTICO_SECURITY_SERVICE_CLIENT_SECRET}), no
	 * default: a service does not start without it (the local run sets the development
	 * realm's)
	 * @param tokenUri Keycloak's token endpoint; by default beside
	 * {@link #effectiveJwkSetUri() the signing keys}
	 */
	public record ServiceClient(@DefaultValue("portico-services") String id, String secret, URI tokenUri) {

		@Override
		public String toString() {
			return "ServiceClient[id=" + this.id + ", tokenUri=" + this.tokenUri + "]";
		}

	}

	public URI effectiveServiceTokenUri() {
		if (this.serviceClient.tokenUri() != null) {
			return this.serviceClient.tokenUri();
		}
		return URI.create(effectiveJwkSetUri().toString().replaceAll("/certs$", "/token"));
	}

	public URI effectiveJwkSetUri() {
		return (this.jwkSetUri != null) ? this.jwkSetUri
				: URI.create(this.issuerUri.toString().replaceAll("/$", "") + "/protocol/openid-connect/certs");
	}

}
