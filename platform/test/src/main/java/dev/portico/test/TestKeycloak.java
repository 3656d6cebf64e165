package dev.portico.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.portico.launcher.keycloak.KeycloakDist;
import dev.portico.launcher.otp.Totp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One real Keycloak (the official distribution, realm {@code portal} imported from the
 * repository) per test JVM, started on first use on free loopback ports with an in-memory
 * database and stopped when the JVM exits.
 * <p>
 * The distribution is unpacked once per checkout under
 * {@code <repo>/target/keycloak-test/} and shared by every module's test JVMs; a file
 * lock keeps two JVMs from unpacking or re-augmenting it at the same time. Keycloak mails
 * through {@link TestSmtp}, so tests read what it sends from GreenMail.
 */
public final class TestKeycloak {

	public static final String REALM = "portal";

	/** The confidential client allowed the password grant. */
	public static final String AUTH_SERVICE_CLIENT_ID = "auth-service";

	/**
	 * Its secret as the realm file resolves it: Keycloak inherits this JVM's environment,
	 * and so does auth-service, so all three agree whether or not
	 * {@code PORTAL_AUTH_SERVICE_CLIENT_SECRET} is set.
	 */
	public static final String AUTH_SERVICE_CLIENT_SECRET = System.getenv()
		.getOrDefault("PORTAL_AUTH_SERVICE_CLIENT_SECRET", "auth-service-dev-secret");

	/** Bootstrap administrator of the master realm (test-only credentials). */
	public static final String ADMIN_USERNAME = "admin";

	public static final String ADMIN_PASSWORD = "admin";

	// The first start in a fresh checkout also re-augments the distribution for the
	// in-memory database (about a minute on a busy machine).
	private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Server server;

	private TestKeycloak() {
	}

	/** The base URL to call Keycloak at, e.g. {@code http://127.0.0.1:41234}. */
	public static URI baseUrl() {
		return server().baseUrl();
	}

	/** The issuer in the tokens ({@code iss}), which services must be configured with. */
	public static URI issuerUri() {
		return URI.create("http://localhost:" + server().port() + "/realms/" + REALM);
	}

	/**
	 * How long this JVM waited for Keycloak to become ready (zero until it is started).
	 */
	public static synchronized Duration startTime() {
		return (server != null) ? server.startTime() : Duration.ZERO;
	}

	public static synchronized Server server() {
		if (server == null) {
			server = Server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-keycloak-stop"));
		}
		return server;
	}

	/**
	 * Password grant of realm {@code portal} through the {@code auth-service} client;
	 * returns the token endpoint's JSON ({@code access_token}, {@code refresh_token},
	 * ...) and fails the test if Keycloak refuses.
	 */
	public static JsonNode passwordGrant(String username, String password) {
		return passwordGrant(username, password, null);
	}

	/**
	 * The same with a one-time code, which ops and users who turned on two-step sign-in
	 * must give.
	 */
	public static JsonNode passwordGrant(String username, String password, String totp) {
		Map<String, String> fields = new LinkedHashMap<>(
				Map.of("grant_type", "password", "client_id", AUTH_SERVICE_CLIENT_ID, "client_secret",
						AUTH_SERVICE_CLIENT_SECRET, "username", username, "password", password, "scope", "openid"));
		if (totp != null) {
			fields.put("totp", totp);
		}
		HttpResponse<String> response = post(tokenEndpoint(REALM), form(fields), null);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Password grant for " + username + " answered " + response.statusCode());
		}
		return JSON.readTree(response.body());
	}

	/** An access token of this realm user, for {@code Authorization: Bearer}. */
	public static String accessToken(String username, String password) {
		return passwordGrant(username, password).path("access_token").asString();
	}

	/** An access token of a user who gives a one-time code. */
	public static String accessToken(String username, String password, String totp) {
		return passwordGrant(username, password, totp).path("access_token").asString();
	}

	/**
	 * Creates an enabled user of realm {@code portal} with a working password, the
	 * {@code account_id} attribute (if not null) and these realm roles; returns the
	 * Keycloak user id. Tests give each user a unique name because the server outlives a
	 * test class.
	 */
	public static String createUser(String username, String email, String password, UUID accountId,
			String... realmRoles) {
		return createUser(username, email, password, null, accountId, realmRoles);
	}

	/**
	 * The same, with an authenticator app already set up: {@code totpSecret} is the raw
	 * secret as Keycloak stores it (its UTF-8 bytes are the key;
	 * {@code Totp.ofStoredSecret} makes the codes). Ops need one to sign in at all.
	 */
	public static String createUser(String username, String email, String password, String totpSecret, UUID accountId,
			String... realmRoles) {
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("username", username);
		user.put("email", email);
		user.put("emailVerified", true);
		user.put("enabled", true);
		user.put("firstName", username);
		user.put("lastName", "Test");
		if (accountId != null) {
			user.put("attributes", Map.of("account_id", List.of(accountId.toString())));
		}
		List<Map<String, Object>> credentials = new ArrayList<>();
		credentials.add(Map.of("type", "password", "value", password, "temporary", false));
		if (totpSecret != null) {
			credentials.add(Totp.keycloakCredential(totpSecret, "test authenticator"));
		}
		user.put("credentials", credentials);
		String admin = adminToken();
		URI users = admin("/users");
		HttpResponse<String> created = post(users, JSON.writeValueAsString(user), admin);
		if (created.statusCode() != 201) {
			throw new IllegalStateException(
					"Creating user " + username + " answered " + created.statusCode() + ": " + created.body());
		}
		String location = created.headers().firstValue("Location").orElseThrow();
		String id = location.substring(location.lastIndexOf('/') + 1);
		if (realmRoles.length > 0) {
			List<JsonNode> roles = new ArrayList<>();
			for (String role : realmRoles) {
				roles.add(JSON.readTree(get(admin("/roles/" + role), admin).body()));
			}
			HttpResponse<String> mapped = post(admin("/users/" + id + "/role-mappings/realm"),
					JSON.writeValueAsString(roles), admin);
			if (mapped.statusCode() != 204) {
				throw new IllegalStateException("Mapping roles of " + username + " answered " + mapped.statusCode());
			}
		}
		return id;
	}

	/** An access token of the master realm's bootstrap administrator. */
	public static String adminToken() {
		HttpResponse<String> response = post(tokenEndpoint("master"), form(Map.of("grant_type", "password", "client_id",
				"admin-cli", "username", ADMIN_USERNAME, "password", ADMIN_PASSWORD)), null);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Admin login answered " + response.statusCode());
		}
		return JSON.readTree(response.body()).path("access_token").asString();
	}

	/**
	 * A URL of the admin REST API of realm {@code portal}, e.g. {@code admin("/users")}.
	 */
	public static URI admin(String path) {
		return baseUrl().resolve("/admin/realms/" + REALM + path);
	}

	/** GET with a bearer token. */
	public static HttpResponse<String> get(URI uri, String bearer) {
		return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer).GET());
	}

	private static URI tokenEndpoint(String realm) {
		return baseUrl().resolve("/realms/" + realm + "/protocol/openid-connect/token");
	}

	private static HttpResponse<String> post(URI uri, String body, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json");
		}
		else {
			request.header("Content-Type", "application/x-www-form-urlencoded");
		}
		return send(request);
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling Keycloak", ex);
		}
	}

	/** A running Keycloak process of this JVM. */
	public record Server(Process process, int port, int managementPort, Duration startTime, Path pidFile) {

		public URI baseUrl() {
			return URI.create("http://127.0.0.1:" + this.port);
		}

		static Server start() {
			Path dir = sharedDirectory();
			long started = System.nanoTime();
			try {
				Files.createDirectories(dir.resolve("logs"));
				Files.createDirectories(dir.resolve("run"));
				stopOrphans(dir.resolve("run"));
				int smtpPort = TestSmtp.port();
				int port = freePort();
				int managementPort = freePort();
				Path log = dir.resolve("logs/keycloak-" + ProcessHandle.current().pid() + ".log");
				// Unpacking and Keycloak's own re-augmentation at start write into the
				// shared home: one JVM at a time, until its server is ready.
				try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
						StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
					Path home = KeycloakDist.prepare(dir, repositoryRoot().resolve(KeycloakDist.REALM_FILE));
					ProcessBuilder builder = new ProcessBuilder(KeycloakDist.command(home, port, managementPort,
							// Each JVM gets its own empty database: nothing leaks between
							// runs or JVMs.
							"--db=dev-mem"));
					builder.environment().putAll(KeycloakDist.environment(smtpPort));
					// A test server lives for minutes: start fast and light rather than
					// tune for a long run.
					builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
					builder.redirectErrorStream(true).redirectOutput(log.toFile());
					Process process = builder.start();
					Path pidFile = dir.resolve("run/" + ProcessHandle.current().pid() + ".pid");
					Files.writeString(pidFile, Long.toString(process.pid()));
					try {
						awaitReady(process, managementPort, log);
					}
					catch (RuntimeException ex) {
						Files.deleteIfExists(pidFile);
						throw ex;
					}
					Duration startTime = Duration.ofNanos(System.nanoTime() - started);
					// Lands in the test's output file: how long the shared server cost
					// this JVM.
					System.out.println("TestKeycloak ready on port " + port + " in " + startTime.toMillis() + " ms");
					return new Server(process, port, managementPort, startTime, pidFile);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start Keycloak for tests in " + dir, ex);
			}
		}

		void stop() {
			// The script forwards TERM to the Keycloak JVM, its child.
			List<ProcessHandle> children = this.process.descendants().toList();
			this.process.destroy();
			try {
				if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			children.forEach(ProcessHandle::destroyForcibly);
			try {
				Files.deleteIfExists(this.pidFile);
			}
			catch (IOException ex) {
				// The next start finds the owner gone and the server stopped; nothing to
				// undo.
			}
		}

		private static void awaitReady(Process process, int managementPort, Path log) {
			URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
			long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
				}
				try {
					HttpResponse<String> response = HTTP.send(
							HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build(),
							HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// Not listening yet.
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					process.destroyForcibly();
					throw new IllegalStateException("Interrupted while waiting for Keycloak", ex);
				}
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					process.destroyForcibly();
					throw new IllegalStateException("Interrupted while waiting for Keycloak", ex);
				}
			}
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT + "; see " + log);
		}

		/**
		 * Stops servers whose test JVM died without running its shutdown hook (e.g.
		 * killed by a timeout).
		 */
		private static void stopOrphans(Path runDir) throws IOException {
			try (Stream<Path> pidFiles = Files.list(runDir)) {
				for (Path pidFile : pidFiles.toList()) {
					String owner = pidFile.getFileName().toString().replace(".pid", "");
					boolean ownerAlive = ProcessHandle.of(Long.parseLong(owner))
						.map(ProcessHandle::isAlive)
						.orElse(false);
					if (!ownerAlive) {
						// Only a process that still runs Keycloak's script: a pid may
						// have been reused since.
						ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
							.filter((script) -> script.info().commandLine().orElse("").contains("kc.sh"))
							.ifPresent((script) -> {
								script.descendants().forEach(ProcessHandle::destroyForcibly);
								script.destroyForcibly();
							});
						Files.deleteIfExists(pidFile);
					}
				}
			}
			catch (NumberFormatException ex) {
				// A file that is not ours; leave it.
			}
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
		}

	}

	/**
	 * Where the distribution is shared: {@code <repo>/target/keycloak-test}, or
	 * {@code portico.test.keycloak-dir}.
	 */
	static Path sharedDirectory() {
		String configured = System.getProperty("portico.test.keycloak-dir");
		return (configured != null) ? Path.of(configured) : repositoryRoot().resolve("target/keycloak-test");
	}

	/**
	 * The checkout this test runs in: the nearest directory upwards that holds the realm
	 * file.
	 */
	static Path repositoryRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve(KeycloakDist.REALM_FILE))) {
				return dir;
			}
		}
		throw new IllegalStateException("No " + KeycloakDist.REALM_FILE + " above " + Path.of("").toAbsolutePath());
	}

}
