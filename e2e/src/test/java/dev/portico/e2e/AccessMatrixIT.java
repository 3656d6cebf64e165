package dev.portico.e2e;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.portico.launcher.DemoLogins;
import dev.portico.launcher.Suite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every {@code /api/accounts/{accountId}/**} route of every service, called through the
 * gateway for an account in each relation to the caller: its own, a child, a grandchild
 * (allowed), its parent, a sibling, an unrelated account and an id that does not exist
 * (all the same {@code 404 account-not-found}), and as {@code ops}. The routes come from
 * each service's OpenAPI document, which springdoc builds from the handler mappings: a
 * route that is added without a row here fails the build.
 */
@ExtendWith(E2eSuite.class)
class AccessMatrixIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final List<String> SERVICES = List.of("auth", "account", "invoice", "payment", "usage");

	private static final String MERGE_PATCH = "application/merge-patch+json";

	/**
	 * The expected answer per route: for a customer on an account it may use, and for
	 * ops.
	 */
	private static final Map<String, Row> MATRIX = matrix(
			new Row("GET", "/api/accounts/{accountId}", null, null, 200, 200),
			new Row("PATCH", "/api/accounts/{accountId}", "{}", MERGE_PATCH, 200, 200),
			new Row("GET", "/api/accounts/{accountId}/overview", null, null, 200, 200),
			new Row("GET", "/api/accounts/{accountId}/children", null, null, 200, 200),
			new Row("GET", "/api/accounts/{accountId}/events", null, null, 200, 200),
			// Ops only: every customer is refused by role (403) whatever the account,
			// which tells nothing about it.
			new Row("POST", "/api/accounts/{accountId}/packages",
					"{\"name\":\"Matrix add-on\",\"startDate\":\"2026-01-01\",\"recurringCharge\":\"1.00\"}",
					"application/json", 403, 201),
			// An unknown package of a visible account: the package is missing, not the
			// account.
			new Row("GET", "/api/accounts/{accountId}/packages/{packageId}", null, null, 404, 404),
			new Row("GET", "/api/accounts/{accountId}/invoices", null, null, 200, 200),
			// Unknown invoices and PDFs of visible accounts (the matrix accounts have no
			// invoices): the invoice is missing, not the account.
			new Row("GET", "/api/accounts/{accountId}/invoices/{invoiceId}", null, null, 404, 404),
			new Row("GET", "/api/accounts/{accountId}/invoices/{invoiceId}/pdf", null, null, 404, 404),
			new Row("GET", "/api/accounts/{accountId}/invoices/latest/pdf", null, null, 404, 404),
			new Row("GET", "/api/accounts/{accountId}/payment-methods", null, null, 200, 200),
			// A fresh token of the simulated processor's card form for every call: a
			// token belongs to one account.
			new Row("POST", "/api/accounts/{accountId}/payment-methods", "{\"processorToken\":\"{processorToken}\"}",
					"application/json", 201, 201),
			new Row("POST", "/api/accounts/{accountId}/payment-methods/setup", null, null, 200, 200),
			new Row("GET", "/api/accounts/{accountId}/payment-methods/{paymentMethodId}", null, null, 404, 404),
			new Row("PATCH", "/api/accounts/{accountId}/payment-methods/{paymentMethodId}", "{\"isDefault\":true}",
					"application/json", 404, 404),
			new Row("DELETE", "/api/accounts/{accountId}/payment-methods/{paymentMethodId}", null, null, 404, 404),
			new Row("GET", "/api/accounts/{accountId}/payments", null, null, 200, 200),
			// Without an Idempotency-Key: refused before anything else once access and
			// the feature are granted.
			new Row("POST", "/api/accounts/{accountId}/payments", "{}", "application/json", 400, 400),
			new Row("GET", "/api/accounts/{accountId}/payments/{paymentId}", null, null, 404, 404),
			new Row("GET", "/api/accounts/{accountId}/usage/periods", null, null, 200, 200),
			new Row("GET", "/api/accounts/{accountId}/usage", null, null, 200, 200),
			new Row("GET", "/api/accounts/{accountId}/usage.csv", null, null, 200, 200),
			new Row("GET", "/api/accounts/{accountId}/usage/daily", null, null, 200, 200));

	private static Suite suite;

	private static String opsToken;

	private static String customerToken;

	private static Map<String, UUID> accounts;

	@BeforeAll
	static void hierarchy() throws Exception {
		suite = E2eSuite.suite();
		opsToken = login("ops", "Ops#2026");
		// parent ─┬─ own ── child ── grandchild unrelated └─ sibling
		UUID parent = createAccount("Matrix Parent", null);
		UUID own = createAccount("Matrix Own", parent);
		UUID child = createAccount("Matrix Child", own);
		UUID grandchild = createAccount("Matrix Grandchild", child);
		UUID sibling = createAccount("Matrix Sibling", parent);
		UUID unrelated = createAccount("Matrix Unrelated", null);
		accounts = new LinkedHashMap<>();
		accounts.put("own", own);
		accounts.put("child", child);
		accounts.put("grandchild", grandchild);
		accounts.put("parent", parent);
		accounts.put("sibling", sibling);
		accounts.put("unrelated", unrelated);
		accounts.put("unknown", UUID.randomUUID());
		// usage-service learns accounts from accounts.v1: wait until it knows the new
		// ones.
		for (String known : List.of("own", "child", "grandchild", "parent", "sibling", "unrelated")) {
			String path = "/api/accounts/" + accounts.get(known) + "/usage/periods";
			await("usage-service knows " + known).atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> call("GET", path, opsToken, null, null).statusCode() == 200);
		}
		String username = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> user = call(
				"POST", "/api/auth/users", opsToken, JSON.writeValueAsString(Map.of("username", username, "email",
						username + "@portico.test", "accountId", own.toString(), "password", "Matrix#2026-pass")),
				"application/json");
		assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
		customerToken = login(username, "Matrix#2026-pass");
	}

	@Test
	void everyAccountScopedRouteIsInTheMatrix() throws Exception {
		Set<String> discovered = discoverAccountScopedRoutes();
		assertThat(discovered).as("account-scoped routes of the running services").isNotEmpty();
		assertThat(MATRIX.keySet()).as("rows of the access matrix, each must still exist")
			.containsExactlyInAnyOrderElementsOf(discovered);
	}

	@Test
	void customersReachTheirSubtreeOnlyAndOpsReachEveryAccount() throws Exception {
		List<String> failures = new ArrayList<>();
		for (Row row : MATRIX.values()) {
			for (Map.Entry<String, UUID> account : accounts.entrySet()) {
				boolean allowed = Set.of("own", "child", "grandchild").contains(account.getKey());
				Answer answer = row.call(account.getValue(), customerToken);
				if (row.opsOnly()) {
					check(failures, row, "customer on " + account.getKey(), answer, 403, false);
					continue;
				}
				check(failures, row, "customer on " + account.getKey(), answer, allowed ? row.customerStatus() : 404,
						!allowed);
			}
			Answer ops = row.call(accounts.get("sibling"), opsToken);
			check(failures, row, "ops on any account", ops, row.opsStatus(), false);
			Answer opsUnknown = row.call(accounts.get("unknown"), opsToken);
			check(failures, row, "ops on an unknown id", opsUnknown, 404, true);
			Answer malformed = row.call(null, customerToken);
			check(failures, row, "customer on a malformed id", malformed, row.opsOnly() ? 403 : 404, !row.opsOnly());
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * The internal endpoints, called on each service directly as a peer pod (or anyone on
	 * the host) could: only another service's own token (client credentials, realm role
	 * {@code service}) opens them; a customer's token, even for its own account, an
	 * operator's and none at all do not.
	 */
	@Test
	void internalEndpointsAnswerOtherServicesOnly() throws Exception {
		String own = accounts.get("own").toString();
		Map<String, String> internal = Map.of("account-service", "/internal/accounts/" + own + "/lineage",
				"account-service ", "/internal/accounts/" + own + "/billing", "invoice-service",
				"/internal/accounts/" + own + "/receivable");
		String service = serviceToken();
		List<String> failures = new ArrayList<>();
		internal.forEach((name, path) -> {
			URI url = suite.serviceUrl(name.strip()).resolve(path);
			Map<String, Integer> expected = new LinkedHashMap<>();
			expected.put("service", 200);
			expected.put("customer", 403);
			expected.put("ops", 403);
			expected.put("nobody", 401);
			expected.forEach((who, status) -> {
				String token = switch (who) {
					case "service" -> service;
					case "customer" -> customerToken;
					case "ops" -> opsToken;
					default -> null;
				};
				HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).GET();
				if (token != null) {
					request.header("Authorization", "Bearer " + token);
				}
				try {
					int answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
					if (answer != status) {
						failures.add(path + " as " + who + ": " + answer + ", expected " + status);
					}
				}
				catch (Exception ex) {
					failures.add(path + " as " + who + ": " + ex);
				}
			});
		});
		assertThat(failures).isEmpty();
	}

	/**
	 * What a service holds: a client-credentials token of the realm's portico-services
	 * client.
	 */
	private static String serviceToken() throws Exception {
		HttpResponse<String> token = HTTP.send(HttpRequest
			.newBuilder(URI.create(suite.issuerUri() + "/protocol/openid-connect/token"))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(
					"grant_type=client_credentials&client_id=portico-services&client_secret=portico-services-dev-secret"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		return JSON.readTree(token.body()).path("access_token").asString();
	}

	private static void check(List<String> failures, Row row, String who, Answer answer, int status,
			boolean accountNotFound) {
		boolean typeOk = !accountNotFound || answer.body().contains("/problems/account-not-found");
		boolean typeLeak = !accountNotFound && status == 404 && answer.body().contains("/problems/account-not-found");
		if (answer.status() != status || !typeOk || typeLeak) {
			failures.add(row.key() + " as " + who + ": expected " + status
					+ (accountNotFound ? " account-not-found" : "") + ", got " + answer.status() + " " + answer.body());
		}
	}

	private static Set<String> discoverAccountScopedRoutes() throws Exception {
		Set<String> routes = new TreeSet<>();
		for (String service : SERVICES) {
			HttpResponse<String> document = call("GET", "/openapi/" + service, null, null, null);
			assertThat(document.statusCode()).as("OpenAPI document of " + service).isEqualTo(200);
			JsonNode paths = JSON.readTree(document.body()).path("paths");
			for (String path : paths.propertyNames()) {
				if (path.equals("/api/accounts/{accountId}") || path.startsWith("/api/accounts/{accountId}/")) {
					for (String method : paths.path(path).propertyNames()) {
						routes.add(method.toUpperCase() + " " + path);
					}
				}
			}
		}
		return routes;
	}

	/**
	 * A card as the browser sends it to the simulated processor's card form, which
	 * answers its token.
	 */
	private static String cardToken() throws Exception {
		HttpResponse<String> token = call("POST", "/api/payment-simulator/tokens", null,
				"{\"cardNumber\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2035,\"cvc\":\"123\","
						+ "\"holderName\":\"Matrix Card\"}",
				"application/json");
		assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
		return JSON.readTree(token.body()).path("processorToken").asString();
	}

	private static UUID createAccount(String name, UUID parent) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name + " " + UUID.randomUUID().toString().substring(0, 6));
		body.put("currency", "USD");
		body.put("billDay", 1);
		if (parent != null) {
			body.put("parentId", parent.toString());
		}
		body.put("contact", Map.of("name", "Matrix", "email", "matrix@portico.test"));
		body.put("billingAddress",
				Map.of("line1", "1 Test Way", "city", "Testville", "postalCode", "12345", "country", "US"));
		body.put("features", Map.of("payments", true, "paymentMethods", true));
		HttpResponse<String> created = call("POST", "/api/accounts", opsToken, JSON.writeValueAsString(body),
				"application/json");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return UUID.fromString(JSON.readTree(created.body()).path("accountId").asString());
	}

	private static String login(String username, String password) throws Exception {
		HttpResponse<String> response = call("POST", "/api/auth/login", null, DemoLogins.loginJson(username, password),
				"application/json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("accessToken").asString();
	}

	private static HttpResponse<String> call(String method, String path, String token, String body, String contentType)
			throws Exception {
		return HTTP.send(request(method, path, token, body, contentType), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest request(String method, String path, String token, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(suite.gatewayUrl().resolve(URI.create(path)))
			.timeout(Duration.ofSeconds(20))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return request.build();
	}

	private static Map<String, Row> matrix(Row... rows) {
		Map<String, Row> matrix = new LinkedHashMap<>();
		for (Row row : rows) {
			matrix.put(row.key(), row);
		}
		return matrix;
	}

	record Answer(int status, String body) {
	}

	record Row(String method, String path, String body, String contentType, int customerStatus, int opsStatus) {

		String key() {
			return this.method + " " + this.path;
		}

		/** A route no customer may use on any account. */
		boolean opsOnly() {
			return this.customerStatus == 403;
		}

		/**
		 * Calls the route for {@code account} (a malformed id if null); other path
		 * variables get fresh UUIDs.
		 */
		Answer call(UUID account, String token) throws Exception {
			String path = this.path.replace("{accountId}", (account != null) ? account.toString() : "not-an-id")
				.replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
			String body = (this.body != null && this.body.contains("{processorToken}"))
					? this.body.replace("{processorToken}", cardToken()) : this.body;
			HttpRequest request = request(this.method, path, token, body, this.contentType);
			// A granted event stream never ends: read the status and the start of the
			// body only.
			HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream in = response.body()) {
				String contentType = response.headers().firstValue("Content-Type").orElse("");
				byte[] head = contentType.startsWith("text/event-stream") ? new byte[0] : in.readAllBytes();
				return new Answer(response.statusCode(), new String(head));
			}
		}

	}

}
