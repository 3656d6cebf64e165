package dev.portico.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Access tokens as Keycloak issues them for realm {@code portal}, signed with a key of
 * this test JVM whose public half a loopback HTTP server publishes as a JWKS. The
 * services validate them exactly as in production (signature from the JWKS URI, issuer,
 * audience, expiry); only Keycloak itself is left out of these tests.
 */
public final class TestTokens {

	/** The defaults of {@code portico.security.*}, as the Keycloak realm issues them. */
	public static final String ISSUER = "http://localhost:8180/realms/portal";

	public static final String AUDIENCE = "portico-api";

	private static RSAKey key;

	private static HttpServer jwks;

	private TestTokens() {
	}

	public static synchronized String jwkSetUri() {
		if (jwks == null) {
			try {
				key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
				byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				server.createContext("/certs", (exchange) -> {
					exchange.getResponseHeaders().set("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, body.length);
					exchange.getResponseBody().write(body);
					exchange.close();
				});
				// Keycloak's client-credentials grant, as services ask it for their own
				// token (ServiceTokens).
				server.createContext("/token", (exchange) -> {
					exchange.getRequestBody().readAllBytes();
					byte[] token = ("{\"access_token\":\"" + service()
							+ "\",\"expires_in\":300,\"token_type\":\"Bearer\"}")
						.getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().set("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, token.length);
					exchange.getResponseBody().write(token);
					exchange.close();
				});
				server.start();
				jwks = server;
				Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-jwks-stop"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs";
	}

	/**
	 * Another service, as internal endpoints require: realm role {@code service}, no
	 * account.
	 */
	public static String service() {
		return token("service-account-portico-services", null, "service");
	}

	/** A customer of {@code accountId}. */
	public static String customer(UUID accountId) {
		return token("customer-" + accountId, accountId, "customer");
	}

	/** Staff with role {@code ops} and no account. */
	public static String ops() {
		return token("ops", null, "ops");
	}

	public static String token(String username, UUID accountId, String... roles) {
		return sign(username, accountId, AUDIENCE, Instant.now().plusSeconds(300), roles);
	}

	public static String sign(String username, UUID accountId, String audience, Instant expiresAt, String... roles) {
		jwkSetUri();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString())
			.audience(audience)
			.issueTime(new Date())
			.expirationTime(Date.from(expiresAt))
			.claim("preferred_username", username)
			.claim("realm_access", Map.of("roles", List.of(roles)));
		if (accountId != null) {
			claims.claim("account_id", accountId.toString());
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
				claims.build());
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
