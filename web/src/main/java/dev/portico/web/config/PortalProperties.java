package dev.portico.web.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the web app finds the API and Keycloak, and who it is to Keycloak.
 *
 * @param apiUrl the gateway, which every API call goes through (never a service directly)
 * @param issuerUri the {@code portal} realm exactly as its tokens name it; browsers are sent there to log in
 * @param clientId the web app's own confidential client
 * @param clientSecret its secret
 * @param keycloakBaseUrl where the web app itself reaches Keycloak (token, keys, user info) when that is not the
 * browser-facing address of the issuer, e.g. {@code http://keycloak:8080} inside a cluster; unset: the issuer's
 */
@ConfigurationProperties("portico.portal")
public record PortalProperties(URI apiUrl, String issuerUri, String clientId, String clientSecret,
		String keycloakBaseUrl) {

	/** The realm's address as the web app calls it server to server. */
	public String backChannelRealmUri() {
		if (this.keycloakBaseUrl == null || this.keycloakBaseUrl.isBlank()) {
			return this.issuerUri;
		}
		URI issuer = URI.create(this.issuerUri);
		return this.keycloakBaseUrl.replaceAll("/$", "") + issuer.getRawPath();
	}

	/** Keycloak's origin, the one place besides the gateway that pages send the browser to. */
	public String issuerOrigin() {
		URI issuer = URI.create(this.issuerUri);
		return issuer.getScheme() + "://" + issuer.getAuthority();
	}

}
