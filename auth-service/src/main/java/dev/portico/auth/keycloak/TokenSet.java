package dev.portico.auth.keycloak;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What Keycloak's token endpoint issues; lifetimes in seconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenSet(@JsonProperty("access_token") String accessToken,
		@JsonProperty("refresh_token") String refreshToken, @JsonProperty("expires_in") long expiresIn,
		@JsonProperty("refresh_expires_in") long refreshExpiresIn) {

	@Override
	public String toString() {
		return "TokenSet[expiresIn=" + this.expiresIn + ", refreshExpiresIn=" + this.refreshExpiresIn + "]";
	}

}
