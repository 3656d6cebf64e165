package dev.portico.platform.security;

import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * Issuer, expiry (with Spring's default clock skew) and audience: all three, for every
 * resource server.
 */
public final class TokenValidators {

	private TokenValidators() {
	}

	public static OAuth2TokenValidator<Jwt> of(SecurityProperties properties) {
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.contains(properties.audience()));
		return new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.issuerUri().toString()), audience);
	}

}
