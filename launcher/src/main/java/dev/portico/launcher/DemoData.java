package dev.portico.launcher;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import dev.portico.launcher.otp.Totp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the demo data of docs/api.md through the same APIs an operator's provisioning
 * scripts use: the {@code ops} user (there is no one yet to call an ops API, so it is
 * made with Keycloak's admin API and the local-only bootstrap admin), then accounts,
 * packages and portal users through the gateway as {@code ops}. Idempotent: a demo user
 * that exists and whose account account-service knows is left alone.
 */
public final class DemoData {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String OPS_USER = DemoLogins.OPS_USER;

	private static final String OPS_PASSWORD = DemoLogins.OPS_PASSWORD;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI gateway;

	private final URI keycloak;

	private String adminToken;

	private String opsToken;

	private DemoData(URI gateway, URI keycloak) {
		this.gateway = gateway;
		this.keycloak = keycloak;
	}

	public static void seed(Suite suite) {
		if (!suite.config().keycloakEnabled()) {
			log.info("demo data: Keycloak is not part of this run, nothing seeded");
			return;
		}
		new DemoData(suite.gatewayUrl(), suite.keycloakUrl()).seedAll();
	}

	private void seedAll() {
		boolean ops = keycloakUser(OPS_USER).isPresent() && opsHasAuthenticator();
		boolean alice = ops && seeded("alice");
		boolean bob = ops && seeded("bob");
		if (ops && alice && bob) {
			log.info("demo data: ops, alice and bob are there already");
			return;
		}
		// docs/api.md's demo passwords of bob and ops are 8 characters, shorter than the
		// realm's length rule (10): the rule is lifted for the seconds it takes to set
		// them and restored at once, so every password set after the seed (bob's own
		// changes included) meets the whole policy.
		String policy = realmPasswordPolicy();
		setRealmPasswordPolicy(
				policy.replaceAll("\\s*\\blength\\(\\d+\\)\\s*(and)?", " ").trim().replaceAll("^and\\s+|\\s+and$", ""));
		try {
			if (!ops) {
				createOpsUser();
			}
			this.opsToken = login(OPS_USER, OPS_PASSWORD);
			if (!keycloakUser("alice").isPresent()) {
				seedAlice();
			}
			if (!keycloakUser("bob").isPresent()) {
				seedBob();
			}
		}
		finally {
			setRealmPasswordPolicy(policy);
		}
	}

	private String realmPasswordPolicy() {
		return expect(200, adminRealm("GET", null), "read realm").path("passwordPolicy").asString("");
	}

	private void setRealmPasswordPolicy(String policy) {
		HttpResponse<String> updated = adminRealm("PUT", Map.of("passwordPolicy", policy));
		if (updated.statusCode() != 204) {
			throw new LauncherException("Keycloak refused the password policy update: HTTP " + updated.statusCode());
		}
	}

	/**
	 * Northwind Holdings: three levels below the parent, one child invoiced by it,
	 * payments on.
	 */
	private void seedAlice() {
		Map<String, Object> features = Map.of("payments", true, "paymentMethods", true);
		UUID holdings = account("Northwind Holdings", null, false, features,
				contact("Alice Martin", "alice@northwind.example", "+12065550100"),
				address("500 Pine Street", "Suite 1200", "Seattle", "WA", "98101", "US"));
		pkg(holdings, "Enterprise Connectivity", "1450.00", "2025-01-01");
		pkg(holdings, "Managed Security", "399.00", "2025-03-01");

		UUID retail = account("Northwind Retail", holdings, true, features,
				contact("Rosa Diaz", "retail@northwind.example", "+12065550111"),
				address("12 Market Street", null, "Seattle", "WA", "98104", "US"));
		pkg(retail, "Store Broadband", "89.00", "2025-02-01");

		UUID logistics = account("Northwind Logistics", holdings, false, features,
				contact("Liam Chen", "logistics@northwind.example", "+12065550122"),
				address("88 Harbor Way", null, "Tacoma", "WA", "98402", "US"));
		pkg(logistics, "Fleet Tracking", "640.00", "2025-01-15");
		UUID fleet = account("Northwind Fleet", logistics, false, features,
				contact("Ava Novak", "fleet@northwind.example", "+12065550133"),
				address("7 Depot Road", null, "Tacoma", "WA", "98421", "US"));
		pkg(fleet, "Vehicle Telematics", "210.00", "2025-04-01");
		UUID fleetNorth = account("Northwind Fleet North", fleet, true, features,
				contact("Noah Berg", "fleet-north@northwind.example", "+12065550144"),
				address("1 Ridge Avenue", null, "Everett", "WA", "98201", "US"));
		pkg(fleetNorth, "Vehicle Telematics", "120.00", "2025-06-01");

		UUID online = account("Northwind Online", holdings, false, features,
				contact("Mia Patel", "online@northwind.example", "+12065550155"),
				address("500 Pine Street", "Floor 9", "Seattle", "WA", "98101", "US"));
		pkg(online, "Cloud Hosting", "275.00", "2025-05-01");

		// Five months of invoices, dated from today so that the demo always has something
		// paid, something overdue, something due soon and something not yet due; Retail's
		// and Fleet North's charges are on their payers' invoices.
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String oldest = null;
		String oldestTotal = null;
		for (int monthsAgo = 4; monthsAgo >= 0; monthsAgo--) {
			LocalDate issued = today.minusMonths(monthsAgo).withDayOfMonth(1);
			LocalDate due = switch (monthsAgo) {
				case 1 -> today.plusDays(5);
				case 0 -> today.plusDays(20);
				default -> issued.plusDays(14);
			};
			JsonNode invoice = invoice(holdings, issued, due, "0.1025",
					line("Enterprise Connectivity", holdings, "1", "1450.00"),
					line("Managed Security", holdings, "1", "399.00"), line("Store Broadband", retail, "1", "89.00"),
					line("Cloud Hosting overage (GB)", holdings, String.valueOf(120 + 15 * monthsAgo), "0.085"));
			if (oldest == null) {
				oldest = invoice.path("invoiceId").asString();
				oldestTotal = invoice.path("total").asString();
			}
		}
		// Her saved card, and the oldest invoice paid with it, the way she would pay in
		// the portal: the card goes to the simulated processor's card form, only its
		// token to the API.
		JsonNode token = expect(201,
				send(json(HttpRequest.newBuilder(gateway.resolve("/api/payment-simulator/tokens")), "POST",
						Map.of("cardNumber", "4242424242424242", "expMonth", 12, "expYear", today.getYear() + 3, "cvc",
								"123", "holderName", "Alice Martin"))),
				"tokenise alice's card");
		JsonNode card = expect(201,
				api("POST", "/api/accounts/" + holdings + "/payment-methods",
						Map.of("processorToken", token.path("processorToken").asString(), "makeDefault", true)),
				"save alice's card");
		expect(201,
				send(json(HttpRequest.newBuilder(gateway.resolve("/api/accounts/" + holdings + "/payments")), "POST",
						Map.of("amount", oldestTotal, "currency", "USD", "paymentMethodId",
								card.path("paymentMethodId").asString(), "invoiceId", oldest))
					.header("Authorization", "Bearer " + opsToken)
					.header("Idempotency-Key", "demo-" + holdings)),
				"pay the oldest invoice");
		invoice(fleet, today.minusMonths(1).withDayOfMonth(1), today.minusMonths(1).withDayOfMonth(1).plusDays(21),
				null, line("Vehicle Telematics", fleet, "1", "210.00"),
				line("Vehicle Telematics", fleetNorth, "1", "120.00"));

		// Usage since the first of the month before last: phones of the head office, and
		// Logistics' trackers.
		List<Map<String, Object>> usage = new ArrayList<>();
		for (String phone : List.of("+12065550101", "+12065550102", "+12065550103", "+12065550104")) {
			usage.addAll(usage(holdings, "Mobile data", phone, "GB", "0.05", "1.8", 3));
			usage.addAll(usage(holdings, "Voice", phone, "min", "2", "95", 1));
			usage.addAll(usage(holdings, "SMS", phone, "SMS", "0", "25", 0));
		}
		usage.addAll(usage(holdings, "Roaming data", "+12065550101", "MB", "0", "220", 1));
		for (String tracker : List.of("TRK-0001", "TRK-0002", "TRK-0003")) {
			usage.addAll(usage(logistics, "Fleet tracking", tracker, "MB", "4", "60", 2));
		}
		for (String phone : List.of("+12535550121", "+12535550122")) {
			usage.addAll(usage(logistics, "Mobile data", phone, "GB", "0.1", "2.5", 3));
			usage.addAll(usage(logistics, "Voice", phone, "min", "5", "140", 1));
		}
		ingest(usage);

		user("alice", "alice@northwind.example", holdings, "Alice#2026");
		log.info("demo data: alice with Northwind Holdings, 5 accounts below it, 6 invoices (one paid), a card and "
				+ "{} usage records seeded", usage.size());
	}

	/** Bluebird Cafe: standalone, payments switched off by portal configuration. */
	private void seedBob() {
		UUID cafe = account("Bluebird Cafe", null, false, Map.of("payments", false, "paymentMethods", false),
				contact("Bob Lee", "bob@bluebird.example", "+15035550199"),
				address("21 Alder Street", null, "Portland", "OR", "97204", "US"));
		pkg(cafe, "Small Business Internet", "79.00", "2025-09-01");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		for (int monthsAgo = 1; monthsAgo >= 0; monthsAgo--) {
			LocalDate issued = today.minusMonths(monthsAgo).withDayOfMonth(1);
			invoice(cafe, issued, issued.plusDays(20), "0.0", line("Small Business Internet", cafe, "1", "79.00"),
					line("Static IP", cafe, "1", "5.00"));
		}
		List<Map<String, Object>> usage = new ArrayList<>();
		usage.addAll(usage(cafe, "Business line", "+15035550199", "min", "3", "45", 1));
		usage.addAll(usage(cafe, "Internet", "router-BC-01", "GB", "1", "12", 2));
		ingest(usage);
		user("bob", "bob@bluebird.example", cafe, "Bob#2026");
		log.info("demo data: bob with Bluebird Cafe seeded");
	}

	private UUID account(String name, UUID parent, boolean invoicedByParent, Map<String, Object> features,
			Map<String, Object> contact, Map<String, Object> address) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("currency", "USD");
		body.put("billDay", 1);
		if (parent != null) {
			body.put("parentId", parent.toString());
			body.put("invoicedByParent", invoicedByParent);
		}
		body.put("contact", contact);
		body.put("billingAddress", address);
		body.put("features", features);
		JsonNode created = expect(201, api("POST", "/api/accounts", body), "create account " + name);
		return UUID.fromString(created.path("accountId").asString());
	}

	private void pkg(UUID account, String name, String recurringCharge, String startDate) {
		expect(201, api("POST", "/api/accounts/" + account + "/packages",
				Map.of("name", name, "recurringCharge", recurringCharge, "startDate", startDate, "currency", "USD")),
				"add package " + name);
	}

	private JsonNode invoice(UUID account, LocalDate issued, LocalDate due, String taxRate, Map<?, ?>... lines) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("accountId", account.toString());
		body.put("issueDate", issued.toString());
		body.put("dueDate", due.toString());
		body.put("periodStart", issued.minusMonths(1).toString());
		body.put("periodEnd", issued.minusDays(1).toString());
		body.put("currency", "USD");
		body.put("lines", List.of(lines));
		if (taxRate != null) {
			body.put("taxRate", taxRate);
		}
		return expect(201, api("POST", "/api/invoices", body), "issue the invoice of " + issued);
	}

	private static Map<String, Object> line(String product, UUID chargedAccount, String quantity, String unitPrice) {
		return Map.of("description", product, "product", product, "chargedAccountId", chargedAccount.toString(),
				"quantity", quantity, "unitPrice", unitPrice);
	}

	/**
	 * A record a day of {@code product} under {@code identifier}, from the first of the
	 * month before last to now: the current and two past billing periods (the demo
	 * accounts' bill day is 1). Quantities vary by day but are the same on every run, and
	 * record ids are derived from what the record is, so seeding twice stores nothing
	 * twice.
	 */
	private static List<Map<String, Object>> usage(UUID account, String product, String identifier, String unit,
			String min, String max, int decimals) {
		Instant now = Instant.now();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		List<Map<String, Object>> records = new ArrayList<>();
		for (LocalDate day = today.minusMonths(2).withDayOfMonth(1); !day.isAfter(today); day = day.plusDays(1)) {
			String key = account + "|" + product + "|" + identifier + "|" + day;
			long seed = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
			BigDecimal share = BigDecimal.valueOf(Math.floorMod(seed, 10_000), 4);
			Instant occurredAt = day.atStartOfDay(ZoneOffset.UTC)
				.toInstant()
				.plusSeconds(7 * 3600 + Math.floorMod(seed >> 16, 12 * 3600));
			if (occurredAt.isAfter(now)) {
				// Today's record is never ahead of the clock, so that the current period
				// has usage from its first hour.
				occurredAt = now;
			}
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("recordId",
					UUID.nameUUIDFromBytes(("demo-usage|" + key).getBytes(StandardCharsets.UTF_8)).toString());
			record.put("accountId", account.toString());
			record.put("product", product);
			record.put("usageIdentifier", identifier);
			BigDecimal low = new BigDecimal(min);
			record.put("quantity",
					low.add(share.multiply(new BigDecimal(max).subtract(low)))
						.setScale(decimals, RoundingMode.HALF_UP)
						.toPlainString());
			record.put("unit", unit);
			record.put("occurredAt", occurredAt.toString());
			records.add(record);
		}
		return records;
	}

	/**
	 * In requests well under the gateway's 1 MB body limit (a record is about 200 bytes
	 * of JSON).
	 */
	private void ingest(List<Map<String, Object>> records) {
		int batch = 2000;
		for (int from = 0; from < records.size(); from += batch) {
			List<Map<String, Object>> part = records.subList(from, Math.min(from + batch, records.size()));
			expect(202, api("POST", "/api/usage/records", part), "ingest usage");
		}
	}

	private void user(String username, String email, UUID account, String password) {
		expect(201, api("POST", "/api/auth/users",
				Map.of("username", username, "email", email, "accountId", account.toString(), "password", password)),
				"create user " + username);
	}

	/**
	 * True if the user exists with an account; a user whose account attribute is missing
	 * means the data of an earlier run is damaged, which only a reset repairs.
	 */
	private boolean seeded(String username) {
		Optional<JsonNode> user = keycloakUser(username);
		if (user.isEmpty()) {
			return false;
		}
		JsonNode accountIds = user.get().path("attributes").path("account_id");
		if (!accountIds.isArray() || accountIds.isEmpty()) {
			throw new LauncherException("Demo user " + username + " exists without an account; run ./portal reset.");
		}
		return true;
	}

	// --- Keycloak admin API: only for the ops user, which no ops API can create before
	// it exists ---

	/**
	 * Ops sign in with a code: a demo ops user of an older local run, made without an
	 * authenticator, is remade.
	 */
	private boolean opsHasAuthenticator() {
		String id = keycloakUser(OPS_USER).orElseThrow().path("id").asString();
		JsonNode credentials = expect(200, admin("GET", "/users/" + id + "/credentials", null), "read credentials");
		for (JsonNode credential : credentials) {
			if ("otp".equals(credential.path("type").asString())) {
				return true;
			}
		}
		expect(204, admin("DELETE", "/users/" + id, null), "remove the ops user without an authenticator");
		return false;
	}

	private void createOpsUser() {
		Map<String, Object> otp = Totp.keycloakCredential(DemoLogins.OPS_TOTP_SECRET, "demo authenticator");
		Map<String, Object> user = Map.of("username", OPS_USER, "email", "ops@portico.test", "emailVerified", true,
				"enabled", true, "firstName", "Portal", "lastName", "Operations", "credentials",
				List.of(Map.of("type", "password", "value", OPS_PASSWORD, "temporary", false), otp));
		HttpResponse<String> created = admin("POST", "/users", user);
		if (created.statusCode() != 201 && created.statusCode() != 409) {
			throw new LauncherException(
					"Keycloak refused the ops user: HTTP " + created.statusCode() + " " + created.body());
		}
		String id = keycloakUser(OPS_USER).orElseThrow().path("id").asString();
		JsonNode role = expect(200, admin("GET", "/roles/ops", null), "read role ops");
		HttpResponse<String> mapped = admin("POST", "/users/" + id + "/role-mappings/realm", List.of(role));
		if (mapped.statusCode() != 204) {
			throw new LauncherException("Keycloak refused the ops role mapping: HTTP " + mapped.statusCode());
		}
		log.info("demo data: ops user created");
	}

	private Optional<JsonNode> keycloakUser(String username) {
		JsonNode users = expect(200, admin("GET", "/users?exact=true&briefRepresentation=false&username="
				+ URLEncoder.encode(username, StandardCharsets.UTF_8), null), "find user " + username);
		return users.isArray() && !users.isEmpty() ? Optional.of(users.get(0)) : Optional.empty();
	}

	private HttpResponse<String> adminRealm(String method, Object body) {
		return admin(method, "", body);
	}

	private HttpResponse<String> admin(String method, String path, Object body) {
		if (adminToken == null) {
			HttpResponse<String> token = send(
					HttpRequest.newBuilder(keycloak.resolve("/realms/master/protocol/openid-connect/token"))
						.header("Content-Type", "application/x-www-form-urlencoded")
						// The bootstrap admin of the local run
						// (KeycloakDist.environment); never outside it.
						.POST(HttpRequest.BodyPublishers
							.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin")));
			adminToken = expect(200, token, "Keycloak admin login").path("access_token").asString();
		}
		return send(json(HttpRequest.newBuilder(keycloak.resolve("/admin/realms/portal" + path)), method, body)
			.header("Authorization", "Bearer " + adminToken));
	}

	// --- the public/ops API through the gateway ---

	private String login(String username, String password) {
		HttpResponse<String> response = send(json(HttpRequest.newBuilder(gateway.resolve("/api/auth/login")), "POST",
				DemoLogins.loginBody(username, password)));
		return expect(200, response, "login as " + username).path("accessToken").asString();
	}

	private HttpResponse<String> api(String method, String path, Object body) {
		return send(json(HttpRequest.newBuilder(gateway.resolve(path)), method, body).header("Authorization",
				"Bearer " + opsToken));
	}

	private static HttpRequest.Builder json(HttpRequest.Builder request, String method, Object body) {
		request.timeout(TIMEOUT).header("Accept", "application/json");
		if (body == null) {
			return request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return request.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new LauncherException("demo data: " + e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new LauncherException("demo data: interrupted");
		}
	}

	private static JsonNode expect(int status, HttpResponse<String> response, String what) {
		if (response.statusCode() != status) {
			throw new LauncherException(
					"demo data: " + what + " answered HTTP " + response.statusCode() + ": " + response.body());
		}
		return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
	}

	private static Map<String, Object> contact(String name, String email, String phone) {
		return Map.of("name", name, "email", email, "phone", phone);
	}

	private static Map<String, Object> address(String line1, String line2, String city, String region,
			String postalCode, String country) {
		Map<String, Object> address = new LinkedHashMap<>();
		address.put("line1", line1);
		if (line2 != null) {
			address.put("line2", line2);
		}
		address.put("city", city);
		address.put("region", region);
		address.put("postalCode", postalCode);
		address.put("country", country);
		return address;
	}

}
