package dev.portico.e2e;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.launcher.Suite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client as each service sees it behind a proxy: the test calls the gateway as an
 * ingress on the same host would (loopback, which the gateway trusts by default), naming
 * the client in {@code X-Forwarded-For} and the scheme and host the browser used in
 * {@code X-Forwarded-Proto} and {@code -Host}.
 */
@ExtendWith(E2eSuite.class)
class ClientIdentityThroughGatewayIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String PUBLIC_URL = "https://portal.example.test";

	private static Suite suite;

	@BeforeAll
	static void suite() {
		suite = E2eSuite.suite();
	}

	@Test
	void failedLoginsFromManyClientsDoNotLockEveryoneElseOut() throws Exception {
		// More failed logins than one address may make in a minute (120), each from its
		// own client: counted against the gateway's address, they would refuse every
		// login after them.
		for (int i = 0; i < 130; i++) {
			HttpResponse<String> failed = login("nobody-" + UUID.randomUUID(), "wrong-password", clientAddress(i));
			assertThat(failed.statusCode()).as("login %d: %s", i, failed.body()).isEqualTo(401);
		}
		HttpResponse<String> alice = login("alice", "Alice#2026", "198.51.100.200");
		assertThat(alice.statusCode()).as(alice.body()).isEqualTo(200);
	}

	@Test
	void oneClientsLimitIsItsOwn() throws Exception {
		String noisy = "198.51.100.201";
		int refused = 0;
		for (int i = 0; i < 35; i++) {
			if (forgot("nobody-" + UUID.randomUUID(), noisy).statusCode() == 429) {
				refused++;
			}
		}
		assertThat(refused).as("forgot-password calls past 30 a minute from one client").isGreaterThanOrEqualTo(5);
		HttpResponse<String> someoneElse = forgot("nobody-" + UUID.randomUUID(), "198.51.100.202");
		assertThat(someoneElse.statusCode()).as(someoneElse.body()).isEqualTo(202);
	}

	@Test
	void behindTlsTheWebAppsLoginRedirectIsHttpsAndProdsRealmAcceptsIt() throws Exception {
		String prodClient = createClientWithProdRedirectRules();

		URI keycloakLogin = webLoginRedirect(
				Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "portal.example.test"));
		assertThat(query(keycloakLogin)).containsEntry("redirect_uri", PUBLIC_URL + "/login/oauth2/code/portico");
		HttpResponse<String> loginPage = get(withClient(keycloakLogin, prodClient));
		assertThat(loginPage.statusCode()).as("prod's realm shows its login page").isEqualTo(200);
		assertThat(loginPage.body()).contains("kc-form-login");

		// Without the proxy's word the web app names the gateway's own plain-HTTP
		// address, which prod refuses.
		URI plain = webLoginRedirect(Map.of());
		assertThat(query(plain).get("redirect_uri")).startsWith("http://" + suite.gatewayUrl().getAuthority() + "/");
		assertThat(get(withClient(plain, prodClient)).statusCode()).isEqualTo(400);

		// The web app sends the browser back to {baseUrl}/ after logging out: the same
		// base, under prod's rules (with no session left to confirm, Keycloak sends the
		// browser straight there).
		HttpResponse<String> loggedOut = endSession(prodClient, PUBLIC_URL + "/");
		assertThat(loggedOut.statusCode()).as(loggedOut.body()).isEqualTo(302);
		assertThat(loggedOut.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).startsWith(PUBLIC_URL + "/"));
		assertThat(endSession(prodClient, "http://localhost:8080/").statusCode()).isEqualTo(400);
	}

	private static String clientAddress(int i) {
		return "203.0.113." + (i % 250 + 1) + ((i >= 250) ? "0" : "");
	}

	private static HttpResponse<String> login(String username, String password, String client) throws Exception {
		return post("/api/auth/login", Map.of("username", username, "password", password), client);
	}

	private static HttpResponse<String> forgot(String usernameOrEmail, String client) throws Exception {
		return post("/api/auth/password/forgot", Map.of("usernameOrEmail", usernameOrEmail), client);
	}

	private static HttpResponse<String> post(String path, Map<String, String> body, String client) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(suite.gatewayUrl().resolve(path))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", client)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Where the web app sends a browser that starts to log in, through the gateway. */
	private static URI webLoginRedirect(Map<String, String> forwarded) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(suite.gatewayUrl().resolve("/oauth2/authorization/portico"))
			.timeout(Duration.ofSeconds(20))
			.header("X-Forwarded-For", "198.51.100.203");
		forwarded.forEach(request::header);
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		return URI.create(response.headers().firstValue("Location").orElseThrow());
	}

	private static HttpResponse<String> get(URI uri) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> endSession(String clientId, String postLogoutRedirectUri) throws Exception {
		return get(URI.create(suite.issuerUri() + "/protocol/openid-connect/logout?client_id=" + clientId
				+ "&post_logout_redirect_uri=" + URLEncoder.encode(postLogoutRedirectUri, StandardCharsets.UTF_8)));
	}

	/**
	 * A copy of the web app's client in the suite's realm with the redirect and
	 * post-logout rules of prod's realm import (its public URL {@value #PUBLIC_URL}), so
	 * that Keycloak itself judges the web app's URIs by them.
	 */
	@SuppressWarnings("unchecked")
	private static String createClientWithProdRedirectRules() throws Exception {
		Path root = Path.of(System.getProperty("portico.root", "..")).toAbsolutePath().normalize();
		Map<String, Object> realmImport = new Yaml()
			.load(Files.readString(root.resolve("k8s/overlays/prod/keycloak/realm-import.yaml")));
		Map<String, Object> realm = (Map<String, Object>) ((Map<String, Object>) realmImport.get("spec")).get("realm");
		Map<String, Object> web = ((List<Map<String, Object>>) realm.get("clients")).stream()
			.filter((client) -> "portico-web".equals(client.get("clientId")))
			.findFirst()
			.orElseThrow();
		List<String> redirectUris = ((List<String>) web.get("redirectUris")).stream()
			.map(ClientIdentityThroughGatewayIT::prodUrl)
			.toList();
		String postLogout = Arrays
			.stream(((String) ((Map<String, Object>) web.get("attributes")).get("post.logout.redirect.uris"))
				.split("##"))
			.map(ClientIdentityThroughGatewayIT::prodUrl)
			.reduce((a, b) -> a + "##" + b)
			.orElse("");
		assertThat(redirectUris).as("prod's redirect URIs").allMatch((uri) -> uri.startsWith("https://"));

		String clientId = "portico-web-prod-rules-" + UUID.randomUUID();
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("clientId", clientId);
		client.put("enabled", true);
		client.put("publicClient", false);
		client.put("secret", UUID.randomUUID().toString());
		client.put("standardFlowEnabled", true);
		client.put("directAccessGrantsEnabled", false);
		client.put("redirectUris", new ArrayList<>(redirectUris));
		client.put("attributes", Map.of("post.logout.redirect.uris", postLogout, "pkce.code.challenge.method", "S256"));
		HttpResponse<String> created = LocalKeycloakAdmin.post(suite.keycloakUrl(), "/clients", client);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return clientId;
	}

	private static String prodUrl(String uri) {
		return uri.replace("${PORTAL_PUBLIC_URL}", PUBLIC_URL);
	}

	private static URI withClient(URI authorization, String clientId) {
		Map<String, String> query = query(authorization);
		query.put("client_id", clientId);
		StringBuilder rebuilt = new StringBuilder();
		query.forEach((name, value) -> rebuilt.append(rebuilt.isEmpty() ? "?" : "&")
			.append(name)
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		String base = authorization.toString();
		return URI.create(base.substring(0, base.indexOf('?')) + rebuilt);
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> query = new LinkedHashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
					(parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
		}
		return query;
	}

}
