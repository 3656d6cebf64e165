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
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.portico.launcher.DemoLogins;
import dev.portico.launcher.Suite;
import dev.portico.launcher.otp.Totp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mobile app signs in as the guide's flow for native apps says: authorization code with
 * PKCE through the public client {@code portal-mobile}, Keycloak's pages in the system
 * browser, the code back at the app's own redirect URI. Each test is one phone: the
 * browser's cookies are its own, redirects are not followed (the app's scheme is where
 * the code ends up).
 */
@ExtendWith(E2eSuite.class)
class MobileSignInIT {

	private static final String CLIENT = "portal-mobile";

	private static final String REDIRECT = "dev.portico.mobile:/oauth2redirect";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient API = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Suite suite;

	private final Browser browser = new Browser();

	@BeforeAll
	static void suite() {
		suite = E2eSuite.suite();
	}

	@Test
	void theAppSignsInWithCodeAndPkceRefreshesAndLogsOut() throws Exception {
		Pkce stolen = Pkce.create();
		HttpResponse<String> loginPage = get(authorize(stolen, "first"));
		assertThat(loginPage.statusCode()).isEqualTo(200);
		HttpResponse<String> signedIn = postForm(formAction(loginPage.body(), "kc-form-login"),
				Map.of("username", "alice", "password", "Alice#2026"));
		String code = codeFrom(signedIn, "first");
		// Someone who caught the code at the redirect, without the app's verifier, gets
		// nothing.
		HttpResponse<String> refused = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
				REDIRECT, "code_verifier", Pkce.create().verifier()));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(json(refused).path("error").asString()).isEqualTo("invalid_grant");

		// The browser's session signs the app in again without the password page.
		Pkce pkce = Pkce.create();
		String again = codeFrom(get(authorize(pkce, "second")), "second");
		HttpResponse<String> tokens = token(Map.of("grant_type", "authorization_code", "code", again, "redirect_uri",
				REDIRECT, "code_verifier", pkce.verifier()));
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		assertThat(me(json(tokens).path("access_token").asString()).path("username").asString()).isEqualTo("alice");

		HttpResponse<String> refreshed = token(
				Map.of("grant_type", "refresh_token", "refresh_token", json(tokens).path("refresh_token").asString()));
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		String refreshToken = json(refreshed).path("refresh_token").asString();
		assertThat(me(json(refreshed).path("access_token").asString()).path("username").asString()).isEqualTo("alice");

		HttpResponse<String> loggedOut = API.send(
				form(keycloak("/logout"), Map.of("client_id", CLIENT, "refresh_token", refreshToken)),
				HttpResponse.BodyHandlers.ofString());
		assertThat(loggedOut.statusCode()).as(loggedOut.body()).isEqualTo(204);
		HttpResponse<String> afterLogout = token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
		assertThat(afterLogout.statusCode()).isEqualTo(400);
		assertThat(json(afterLogout).path("error").asString()).isEqualTo("invalid_grant");
	}

	/**
	 * The app's live balance ends with its Keycloak session, not only with its token:
	 * after the app logs out, its stream ends within account-service's session check
	 * (every 5 s in these tests, 30 s by default), while alice's stream of another
	 * session, signed in through auth-service, goes on.
	 */
	@Test
	void theAppsLiveBalanceEndsWhenItsSessionEnds() throws Exception {
		Pkce pkce = Pkce.create();
		String code = codeFrom(postForm(formAction(get(authorize(pkce, "live")).body(), "kc-form-login"),
				Map.of("username", "alice", "password", "Alice#2026")), "live");
		HttpResponse<String> tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
				REDIRECT, "code_verifier", pkce.verifier()));
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		String appToken = json(tokens).path("access_token").asString();
		String account = me(appToken).path("accountId").asString();
		HttpResponse<String> webLogin = API.send(HttpRequest.newBuilder(suite.gatewayUrl().resolve("/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString(JSON.writeValueAsString(Map.of("username", "alice", "password", "Alice#2026"))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(webLogin.statusCode()).as(webLogin.body()).isEqualTo(200);

		try (LiveBalance app = LiveBalance.open(account, appToken);
				LiveBalance other = LiveBalance.open(account, json(webLogin).path("accessToken").asString())) {
			HttpResponse<String> loggedOut = API.send(
					form(keycloak("/logout"),
							Map.of("client_id", CLIENT, "refresh_token",
									json(tokens).path("refresh_token").asString())),
					HttpResponse.BodyHandlers.ofString());
			assertThat(loggedOut.statusCode()).as(loggedOut.body()).isEqualTo(204);
			app.ended.get(15, TimeUnit.SECONDS);
			// Two more checks of the sessions (every 5 s in these tests): the other
			// session's stream stays open.
			await("the stream of alice's other session stays open").during(Duration.ofSeconds(11))
				.atMost(Duration.ofSeconds(12))
				.until(() -> !other.ended.isDone());
		}
	}

	/** One balance stream through the gateway, read to its end on a thread of its own. */
	private record LiveBalance(HttpClient client, CompletableFuture<Void> ended) implements AutoCloseable {

		static LiveBalance open(String account, String accessToken) throws Exception {
			// A client of its own, so that closing it really closes the stream's
			// connection.
			HttpClient client = HttpClient.newHttpClient();
			HttpResponse<java.util.stream.Stream<String>> response = client
				.send(HttpRequest.newBuilder(suite.gatewayUrl().resolve("/api/accounts/" + account + "/events"))
					.header("Authorization", "Bearer " + accessToken)
					.header("Accept", "text/event-stream")
					.build(), HttpResponse.BodyHandlers.ofLines());
			assertThat(response.statusCode()).isEqualTo(200);
			CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> response.body().forEach((line) -> {
			}), java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
			return new LiveBalance(client, ended);
		}

		@Override
		public void close() {
			this.client.shutdownNow();
		}

	}

	@Test
	void onlyAuthServiceMayUseThePasswordGrant() throws Exception {
		HttpResponse<String> mobile = token(
				Map.of("grant_type", "password", "username", "alice", "password", "Alice#2026"));
		assertThat(mobile.statusCode()).isIn(400, 401);
		assertThat(json(mobile).path("error").asString()).isEqualTo("unauthorized_client");
		JsonNode realm = JSON.readTree(Files.readString(
				Path.of(System.getProperty("portico.root", "..")).resolve("config/keycloak/portal-realm.json")));
		List<String> withPasswordGrant = realm.path("clients")
			.valueStream()
			.filter((client) -> client.path("directAccessGrantsEnabled").asBoolean(false))
			.map((client) -> client.path("clientId").asString())
			.toList();
		assertThat(withPasswordGrant).containsExactly("auth-service");
	}

	@Test
	void opsGiveTheCodeOfTheirAuthenticatorAndANewOpsUserSetsOneUpFirst() throws Exception {
		Pkce pkce = Pkce.create();
		HttpResponse<String> codePage = postForm(formAction(get(authorize(pkce, "ops")).body(), "kc-form-login"),
				Map.of("username", DemoLogins.OPS_USER, "password", DemoLogins.OPS_PASSWORD));
		assertThat(codePage.statusCode()).isEqualTo(200);
		HttpResponse<String> wrong = postForm(formAction(codePage.body(), "kc-otp-login-form"),
				Map.of("otp", DemoLogins.OPS_AUTHENTICATOR.wrongCode()));
		assertThat(wrong.statusCode()).isEqualTo(200);
		String code = codeFrom(postForm(formAction(wrong.body(), "kc-otp-login-form"),
				Map.of("otp", DemoLogins.OPS_AUTHENTICATOR.freshCode())), "ops");
		assertThat(exchange(code, pkce).path("roles").toString()).contains("ops");

		String name = "ops-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "Night#Shift-Operator";
		createOpsUser(name, password);
		HttpResponse<String> passwordOnly = API
			.send(HttpRequest.newBuilder(suite.gatewayUrl().resolve("/api/auth/login"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString(JSON.writeValueAsString(Map.of("username", name, "password", password))))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(passwordOnly.statusCode()).as(passwordOnly.body()).isEqualTo(403);
		assertThat(json(passwordOnly).path("type").asString()).endsWith("/second-factor-setup-required");

		Browser phone = new Browser();
		Pkce newcomer = Pkce.create();
		HttpResponse<String> setup = phone.post(
				formAction(phone.get(authorize(newcomer, "newcomer")).body(), "kc-form-login"),
				Map.of("username", name, "password", password));
		assertThat(setup.body()).as("Keycloak makes a new ops user set up an authenticator")
			.contains("kc-totp-settings-form");
		Totp authenticator = Totp.ofStoredSecret(hidden(setup.body(), "totpSecret"));
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("totp", authenticator.freshCode());
		fields.put("totpSecret", hidden(setup.body(), "totpSecret"));
		fields.put("userLabel", "phone");
		HttpResponse<String> done = phone.post(formAction(setup.body(), "kc-totp-settings-form"), fields);
		assertThat(exchange(codeFrom(done, "newcomer"), newcomer).path("username").asString()).isEqualTo(name);
	}

	private JsonNode exchange(String code, Pkce pkce) throws Exception {
		HttpResponse<String> tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
				REDIRECT, "code_verifier", pkce.verifier()));
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		return me(json(tokens).path("access_token").asString());
	}

	private static void createOpsUser(String name, String password) throws Exception {
		HttpResponse<String> created = LocalKeycloakAdmin.post(suite.keycloakUrl(), "/users",
				Map.of("username", name, "email", name + "@portico.example", "enabled", true, "emailVerified", true,
						"firstName", "Night", "lastName", "Shift", "credentials",
						List.of(Map.of("type", "password", "value", password, "temporary", false))));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		String id = location.substring(location.lastIndexOf('/') + 1);
		JsonNode role = JSON.readTree(LocalKeycloakAdmin.get(suite.keycloakUrl(), "/roles/ops").body());
		assertThat(LocalKeycloakAdmin.post(suite.keycloakUrl(), "/users/" + id + "/role-mappings/realm", List.of(role))
			.statusCode()).isEqualTo(204);
	}

	/**
	 * The portal's answer to who the token is for, through the gateway as the app would
	 * call it.
	 */
	private static JsonNode me(String accessToken) throws Exception {
		HttpResponse<String> me = API.send(HttpRequest.newBuilder(suite.gatewayUrl().resolve("/api/auth/me"))
			.header("Authorization", "Bearer " + accessToken)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		return json(me);
	}

	private static URI authorize(Pkce pkce, String state) {
		return URI.create(keycloak("/auth") + "?"
				+ query(Map.of("client_id", CLIENT, "response_type", "code", "redirect_uri", REDIRECT, "scope",
						"openid", "state", state, "code_challenge", pkce.challenge(), "code_challenge_method",
						"S256")));
	}

	/**
	 * The code in the redirect to the app, after checking it is the app's URI and carries
	 * its state.
	 */
	private static String codeFrom(HttpResponse<String> response, String state) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT + "?");
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : location.substring(location.indexOf('?') + 1).split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(pair.substring(0, equals),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		assertThat(parameters).containsEntry("state", state).containsKey("code");
		return parameters.get("code");
	}

	private HttpResponse<String> get(URI uri) throws Exception {
		return this.browser.get(uri);
	}

	private HttpResponse<String> postForm(String action, Map<String, String> fields) throws Exception {
		return this.browser.post(action, fields);
	}

	/**
	 * The phone's browser, as far as Keycloak's pages need one: it keeps Keycloak's
	 * cookies and follows redirects between Keycloak's pages, but not the one to the
	 * app's scheme, which hands over the code. Its own jar, because the JDK's sends no
	 * {@code Secure} cookie over plain HTTP, while browsers treat {@code localhost} as
	 * secure and do.
	 */
	private static final class Browser {

		private final HttpClient http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		private final Map<String, String> cookies = new LinkedHashMap<>();

		HttpResponse<String> get(URI uri) throws Exception {
			return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET());
		}

		HttpResponse<String> post(String action, Map<String, String> fields) throws Exception {
			return send(HttpRequest.newBuilder(URI.create(action))
				.timeout(Duration.ofSeconds(20))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(query(fields))));
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			if (!this.cookies.isEmpty()) {
				request.header("Cookie",
						this.cookies.entrySet()
							.stream()
							.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
							.collect(Collectors.joining("; ")));
			}
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			for (String header : response.headers().allValues("Set-Cookie")) {
				String pair = header.split(";", 2)[0];
				int equals = pair.indexOf('=');
				String name = pair.substring(0, equals).strip();
				String value = pair.substring(equals + 1).strip();
				if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
					this.cookies.remove(name);
				}
				else {
					this.cookies.put(name, value);
				}
			}
			String location = response.headers().firstValue("Location").orElse("");
			if (response.statusCode() / 100 == 3 && location.startsWith("http")) {
				return get(response.uri().resolve(location));
			}
			return response;
		}

	}

	private static HttpResponse<String> token(Map<String, String> fields) throws Exception {
		Map<String, String> withClient = new LinkedHashMap<>(fields);
		withClient.put("client_id", CLIENT);
		return API.send(form(keycloak("/token"), withClient), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest form(URI uri, Map<String, String> fields) {
		return HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(query(fields)))
			.build();
	}

	private static String query(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static URI keycloak(String endpoint) {
		return suite.keycloakUrl().resolve("/realms/portal/protocol/openid-connect" + endpoint);
	}

	/** The action of the page's form with this id, as the browser would post it. */
	private static String formAction(String html, String formId) {
		Matcher forms = Pattern.compile("<form\\b[^>]*>").matcher(html);
		while (forms.find()) {
			String tag = forms.group();
			if (tag.contains("id=\"" + formId + "\"")) {
				Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(tag);
				assertThat(action.find()).isTrue();
				return action.group(1).replace("&amp;", "&");
			}
		}
		throw new AssertionError("No form " + formId + " on the page: " + html);
	}

	private static String hidden(String html, String name) {
		Matcher value = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
		assertThat(value.find()).as("hidden field " + name).isTrue();
		return value.group(1);
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/**
	 * The app's proof key: a random verifier, and its SHA-256 as the challenge (RFC 7636,
	 * S256).
	 */
	private record Pkce(String verifier, String challenge) {

		static Pkce create() throws Exception {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
		}

	}

}
