package dev.portico.platform.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class PortalJwtConverterTest {

	final PortalJwtConverter converter = new PortalJwtConverter();

	static Jwt.Builder token() {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("kc-user-1")
			.issuedAt(Instant.parse("2026-12-01T10:00:00Z"))
			.expiresAt(Instant.parse("2026-12-01T10:05:00Z"));
	}

	@Test
	void readsRolesUsernameAndAccountAsKeycloakWritesThem() {
		UUID account = UUID.randomUUID();
		PortalAuthentication auth = this.converter.convert(token().claim("preferred_username", "alice")
			.claim("account_id", account.toString())
			.claim("realm_access", Map.of("roles", List.of("customer", "offline_access")))
			.build());

		PortalPrincipal principal = auth.getPrincipal();
		assertThat(principal.subject()).isEqualTo("kc-user-1");
		assertThat(principal.username()).isEqualTo("alice");
		assertThat(principal.accountId()).isEqualTo(account);
		assertThat(principal.roles()).containsExactlyInAnyOrder("customer", "offline_access");
		assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_customer", "ROLE_offline_access");
	}

	@Test
	void aTokenWithoutTheClaimsIsACallerWithoutAccountOrRoles() {
		PortalPrincipal principal = this.converter.convert(token().claim("scope", "openid").build()).getPrincipal();

		assertThat(principal.username()).isEqualTo("kc-user-1");
		assertThat(principal.accountId()).isNull();
		assertThat(principal.roles()).isEmpty();
	}

	@Test
	void claimsOfTheWrongShapeAreIgnoredNotFatal() {
		PortalPrincipal principal = this.converter
			.convert(token().claim("account_id", "not-a-uuid").claim("realm_access", "customer").build())
			.getPrincipal();

		assertThat(principal.accountId()).isNull();
		assertThat(principal.roles()).isEmpty();

		principal = this.converter.convert(token().claim("realm_access", Map.of("roles", "ops")).build())
			.getPrincipal();
		assertThat(principal.roles()).isEmpty();
	}

}
