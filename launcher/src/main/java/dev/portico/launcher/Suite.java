package dev.portico.launcher;

import dev.portico.launcher.SuiteConfig.Port;
import dev.portico.launcher.infra.InfraMain;
import dev.portico.launcher.keycloak.KeycloakDist;
import dev.portico.launcher.process.FileTrees;
import dev.portico.launcher.process.Http;
import dev.portico.launcher.process.JavaRuntime;
import dev.portico.launcher.process.Ports;
import dev.portico.launcher.process.Processes;
import dev.portico.launcher.process.ServiceApps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running suite: PostgreSQL + Kafka + mail catcher (one "infra" JVM), Keycloak, and
 * the services, each a detached process with its PID in {@code <base>/run/<name>.pid} and
 * its output in {@code <base>/logs/<name>.log}.
 *
 * <pre>{@code
 * try (Suite suite = Suite.start(SuiteConfig.forTests(repoRoot, workDir))) {
 *     URI gw = suite.gatewayUrl();
 * }   // stops everything this Suite started
 * }</pre>
 *
 * A component that is already running (live PID file) is left alone and not stopped by
 * {@link #close()}.
 */
public final class Suite implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Suite.class);

	public static final String INFRA = "infra";

	public static final String KEYCLOAK = "keycloak";

	/**
	 * How long a stopped component may take before it is killed. Generous because a
	 * service JVM writes its class-data-sharing archive on the way out, and six of them
	 * doing so at once on two cores takes a while; a killed one leaves a truncated
	 * archive and starts slowly next time.
	 */
	public static final Duration STOP_GRACE = Duration.ofSeconds(60);

	private static final Duration INFRA_TIMEOUT = timeout("PORTAL_INFRA_TIMEOUT_SECONDS", 120);

	private static final Duration KEYCLOAK_TIMEOUT = timeout("PORTAL_KEYCLOAK_TIMEOUT_SECONDS", 300);

	private static final Duration SERVICE_TIMEOUT = timeout("PORTAL_SERVICE_TIMEOUT_SECONDS", 240);

	private final SuiteConfig config;

	/** Components this Suite started, in start order, with their PID. */
	private final Map<String, Long> started = new LinkedHashMap<>();

	private final Map<String, Double> readySeconds = new LinkedHashMap<>();

	private Thread shutdownHook;

	private long t0;

	private Suite(SuiteConfig config) {
		this.config = config;
	}

	/**
	 * Starts what is not running yet and blocks until everything is ready; throws
	 * {@link LauncherException}.
	 */
	public static Suite start(SuiteConfig config) {
		Suite suite = new Suite(config);
		suite.shutdownHook = new Thread(suite::stopStarted, "portal-suite-shutdown");
		Runtime.getRuntime().addShutdownHook(suite.shutdownHook);
		try {
			suite.up();
			return suite;
		}
		catch (RuntimeException | Error e) {
			suite.close();
			throw e;
		}
	}

	// ---- the contract used by the e2e tests ----

	public URI gatewayUrl() {
		return URI.create(config.portalUrl());
	}

	/** The gateway's health and metrics, which its public port does not serve. */
	public URI gatewayManagementUrl() {
		return URI.create("http://127.0.0.1:" + config.port(Port.GATEWAY_MANAGEMENT));
	}

	public URI keycloakUrl() {
		return URI.create("http://localhost:" + config.port(Port.KEYCLOAK));
	}

	/** {@code GET} lists received mails, {@code DELETE} purges them. */
	public URI mailApiUrl() {
		return URI.create("http://localhost:" + config.port(Port.MAIL_API) + "/api/mail");
	}

	/**
	 * Base URL of a service by module name, e.g. {@code account-service} →
	 * {@code http://127.0.0.1:8082}.
	 */
	public URI serviceUrl(String service) {
		return URI.create("http://127.0.0.1:" + config.servicePort(service));
	}

	/**
	 * {@code http://localhost:<kc>/realms/portal}, exactly the {@code iss} of the realm's
	 * tokens.
	 */
	public String issuerUri() {
		return config.issuerUri();
	}

	// ---- faults, for the fault-injection tests ----

	/**
	 * SIGKILLs a process this suite started (a service, or an instance of
	 * {@link #startInstance}).
	 */
	public synchronized void kill(String name) {
		Long pid = started.remove(name);
		if (pid == null) {
			throw new IllegalArgumentException(name + " was not started by this suite");
		}
		ProcessHandle.of(pid).ifPresent(p -> {
			p.destroyForcibly();
			p.onExit().join();
		});
		forgetCdsArchive(config, name);
		Processes.deleteQuietly(config.pidFile(name));
		log.warn("fault: killed {} (PID {})", name, pid);
	}

	/**
	 * Starts a service again on its port, as {@code ./portal up} would, and waits until
	 * it is ready.
	 */
	public void restart(String service) {
		startService(service,
				ServiceApps.extracted(config.serviceJar(service), config.appsDir(), config.cdsArchive(service)));
		awaitReady(List.of(service), SERVICE_TIMEOUT);
	}

	/**
	 * Starts another instance of {@code service} as {@code name}, on {@code port} and the
	 * same database and broker (a second replica), and waits until it is ready.
	 */
	public void startInstance(String service, String name, int port) {
		startInstance(service, name, port, Map.of());
	}

	/**
	 * The same, with {@code environment} over the service's own (another processor,
	 * another database), for tests that run a differently configured instance beside the
	 * suite.
	 */
	public void startInstance(String service, String name, int port, Map<String, String> environment) {
		Path app = ServiceApps.extracted(config.serviceJar(service), config.appsDir(), config.cdsArchive(name));
		List<String> cmd = new ArrayList<>();
		cmd.add(JavaRuntime.javaExecutable());
		cmd.addAll(config.serviceJvmOpts(name));
		cmd.add("-jar");
		cmd.add(app.toString());
		Map<String, String> env = new LinkedHashMap<>(serviceEnvironment(config, service));
		env.put("SERVER_PORT", Integer.toString(port));
		env.putAll(environment);
		launch(name, cmd, env);
		URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
		long deadline = System.nanoTime() + SERVICE_TIMEOUT.toNanos();
		while (!Http.isOk(health)) {
			if (System.nanoTime() > deadline || Processes.alivePid(config.pidFile(name)).isEmpty()) {
				throw new LauncherException(
						name + " did not get ready on port " + port + "; see " + config.logFile(name));
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new LauncherException("interrupted while waiting for " + name);
			}
		}
	}

	/**
	 * {@code postgres/stop}, {@code postgres/start}, {@code kafka/stop} or
	 * {@code kafka/start} in the infra JVM.
	 */
	public void infraFault(String what) {
		URI uri = URI.create("http://127.0.0.1:" + config.port(Port.MAIL_API) + "/faults/" + what);
		try {
			java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(uri)
					.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
					.timeout(Duration.ofMinutes(2))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new LauncherException(
						"fault " + what + " failed: " + response.statusCode() + " " + response.body());
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new LauncherException("interrupted during fault " + what);
		}
	}

	// ---- extras ----

	public SuiteConfig config() {
		return config;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + config.port(Port.POSTGRES) + "/" + database;
	}

	public String kafkaBootstrapServers() {
		return "127.0.0.1:" + config.port(Port.KAFKA);
	}

	public int smtpPort() {
		return config.port(Port.SMTP);
	}

	/**
	 * Seconds from start until each component was ready (components already running are
	 * absent).
	 */
	public Map<String, Double> readySeconds() {
		return Map.copyOf(readySeconds);
	}

	/**
	 * Leaves the processes running after this JVM ends ({@code ./portal up});
	 * {@link #close()} then stops nothing.
	 */
	public synchronized void detach() {
		started.clear();
		removeHook();
	}

	@Override
	public void close() {
		removeHook();
		stopStarted();
	}

	private synchronized void stopStarted() {
		if (started.isEmpty()) {
			return;
		}
		List<String> names = new ArrayList<>(started.keySet());
		// services first, then Keycloak and infra
		List<String> first = names.stream().filter(n -> !n.equals(INFRA) && !n.equals(KEYCLOAK)).toList();
		List<String> rest = names.stream().filter(n -> n.equals(INFRA) || n.equals(KEYCLOAK)).toList();
		for (List<String> group : List.of(first, rest)) {
			if (group.isEmpty()) {
				continue;
			}
			log.info("stopping {}", String.join(", ", group));
			Set<Long> killed = Processes.stopAll(group.stream().map(started::get).toList(), STOP_GRACE);
			for (String n : group) {
				if (killed.contains(started.get(n))) {
					forgetCdsArchive(config, n);
				}
				Processes.deleteQuietly(config.pidFile(n));
				started.remove(n);
			}
		}
	}

	private void removeHook() {
		if (shutdownHook != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(shutdownHook);
			}
			catch (IllegalStateException ignored) {
				// already shutting down
			}
			shutdownHook = null;
		}
	}

	// ---- start-up ----

	/** All components of this configuration, in start order. */
	public static List<String> components(SuiteConfig c) {
		List<String> all = new ArrayList<>();
		all.add(INFRA);
		if (c.keycloakEnabled()) {
			all.add(KEYCLOAK);
		}
		all.addAll(c.services());
		return all;
	}

	/** The ports a component listens on. */
	public static List<Port> ports(String component) {
		return switch (component) {
			case INFRA -> List.of(Port.POSTGRES, Port.KAFKA, Port.KAFKA_CONTROLLER, Port.SMTP, Port.MAIL_API);
			case KEYCLOAK -> List.of(Port.KEYCLOAK, Port.KEYCLOAK_MANAGEMENT);
			case "gateway" -> List.of(Port.GATEWAY, Port.GATEWAY_MANAGEMENT);
			default -> List.of(Port.ofService(component));
		};
	}

	/** The URL answering 200 when the component is ready. */
	public static URI healthUri(SuiteConfig c, String component) {
		return switch (component) {
			case INFRA -> URI.create("http://127.0.0.1:" + c.port(Port.MAIL_API) + "/health");
			case KEYCLOAK -> URI.create("http://127.0.0.1:" + c.port(Port.KEYCLOAK_MANAGEMENT) + "/health/ready");
			case "gateway" ->
				URI.create("http://127.0.0.1:" + c.port(Port.GATEWAY_MANAGEMENT) + "/actuator/health/readiness");
			default -> URI.create("http://127.0.0.1:" + c.servicePort(component) + "/actuator/health/readiness");
		};
	}

	/** What a person would open for the component. */
	public static String publicUrl(SuiteConfig c, String component) {
		return switch (component) {
			case INFRA -> "postgresql://127.0.0.1:" + c.port(Port.POSTGRES) + "  kafka 127.0.0.1:" + c.port(Port.KAFKA)
					+ "  smtp 127.0.0.1:" + c.port(Port.SMTP) + "  http://localhost:" + c.port(Port.MAIL_API)
					+ "/api/mail";
			case KEYCLOAK -> "http://localhost:" + c.port(Port.KEYCLOAK);
			default -> "http://localhost:" + c.servicePort(component);
		};
	}

	private void up() {
		t0 = System.nanoTime();
		try {
			for (Path d : List.of(config.dataDir(), config.logsDir(), config.runDir(), config.cdsDir())) {
				Files.createDirectories(d);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		List<String> components = components(config);
		Map<String, Long> running = new LinkedHashMap<>();
		for (String c : components) {
			Processes.alivePid(config.pidFile(c)).ifPresent(pid -> running.put(c, pid));
		}
		// Check everything before starting anything.
		for (String c : components) {
			if (running.containsKey(c)) {
				continue;
			}
			for (Port p : ports(c)) {
				if (!Ports.isFree(config.port(p))) {
					throw new PortInUseException(p.label, config.port(p), p.envVar);
				}
			}
		}
		List<String> missing = config.services()
			.stream()
			.filter(s -> !running.containsKey(s) && !Files.isRegularFile(config.serviceJar(s)))
			.map(s -> config.repoRoot().relativize(config.serviceJar(s)).toString())
			.toList();
		if (!missing.isEmpty()) {
			throw new LauncherException("Missing service jar(s) " + String.join(", ", missing)
					+ "; build them with ./mvnw -DskipTests install (./portal up does it for you).");
		}
		running.forEach((c, pid) -> log.info("{} already running (PID {})", c, pid));

		if (!running.containsKey(INFRA)) {
			startInfra();
		}
		if (config.keycloakEnabled() && !running.containsKey(KEYCLOAK)) {
			startKeycloak();
		}
		// Extracting the jars overlaps with the infrastructure's start-up.
		Map<String, Path> apps = new LinkedHashMap<>();
		for (String s : config.services()) {
			if (!running.containsKey(s)) {
				apps.put(s, ServiceApps.extracted(config.serviceJar(s), config.appsDir(), config.cdsArchive(s)));
			}
		}
		awaitReady(List.of(INFRA), INFRA_TIMEOUT);
		apps.forEach(this::startService);
		awaitReady(config.services(), SERVICE_TIMEOUT);
		if (config.keycloakEnabled()) {
			awaitReady(List.of(KEYCLOAK), KEYCLOAK_TIMEOUT);
		}
		DemoData.seed(this);
	}

	/**
	 * A service killed while it wrote its class-data-sharing archive leaves a truncated
	 * file that the JVM neither uses nor replaces; without it, the next stop writes a
	 * good one.
	 */
	static void forgetCdsArchive(SuiteConfig config, String component) {
		Processes.deleteQuietly(config.cdsArchive(component));
	}

	/**
	 * Deletes the data of a stopped suite: databases, Kafka topics, Keycloak's users and
	 * realm, logs, PIDs.
	 */
	public static void deleteData(SuiteConfig config) {
		List<Path> doomed = List.of(config.dataDir(), KeycloakDist.home(config).resolve("data"), config.logsDir(),
				config.runDir());
		for (Path p : doomed) {
			try {
				FileTrees.delete(p);
			}
			catch (IOException e) {
				throw new LauncherException("cannot delete " + p + ": " + e.getMessage());
			}
		}
	}

	/** Seconds since {@link #start} began. */
	public double elapsedSeconds() {
		return (System.nanoTime() - t0) / 1e9;
	}

	private void startInfra() {
		Path errorFile = config.runDir().resolve("infra.error");
		Processes.deleteQuietly(errorFile);
		List<String> cmd = new ArrayList<>(List.of(JavaRuntime.javaExecutable(), "-Xmx320m", "-XX:+UseSerialGC",
				"-Xss512k", "-XX:TieredStopAtLevel=" + (config.jit() == SuiteConfig.Jit.THROUGHPUT ? "4" : "1"),
				"-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + config.cdsDir().resolve("infra.jsa"),
				"--enable-native-access=ALL-UNNAMED", "-Dlogback.configurationFile=portico-launcher-logback.xml",
				"-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", JavaRuntime.classPath(),
				InfraMain.class.getName(), "data=" + config.dataDir(), "postgresPort=" + config.port(Port.POSTGRES),
				"kafkaPort=" + config.port(Port.KAFKA), "kafkaControllerPort=" + config.port(Port.KAFKA_CONTROLLER),
				"smtpPort=" + config.port(Port.SMTP), "mailApiPort=" + config.port(Port.MAIL_API),
				"databases=" + String.join(",", databases()), "errorFile=" + errorFile, "resetHint=" + resetHint(),
				// PostgreSQL and Kafka may be stopped and started again by the
				// fault-injection tests.
				"faults=" + config.isForTests()));
		launch(INFRA, cmd, Map.of());
	}

	private String resetHint() {
		if (config.isForTests()) {
			return "delete {dir} (or the whole test work directory) and retry";
		}
		return "delete {dir} or run ./portal reset (deletes all local data), then ./portal up";
	}

	/**
	 * One database per service that has one: auth, account, invoice, payment, usage
	 * (always all five).
	 */
	private static List<String> databases() {
		return SuiteConfig.SERVICES.stream().map(SuiteConfig::databaseOf).filter(d -> d != null).toList();
	}

	private void startKeycloak() {
		Path home = KeycloakDist.prepare(config);
		launch(KEYCLOAK, KeycloakDist.command(config, home), KeycloakDist.environment(config));
	}

	private void startService(String s, Path app) {
		List<String> cmd = new ArrayList<>();
		cmd.add(JavaRuntime.javaExecutable());
		cmd.addAll(config.serviceJvmOpts(s));
		cmd.add("-jar");
		cmd.add(app.toString());
		launch(s, cmd, serviceEnvironment(config, s));
	}

	/** Environment variables given to a service. */
	public static Map<String, String> serviceEnvironment(SuiteConfig c, String s) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SERVER_PORT", Integer.toString(c.servicePort(s)));
		// This machine only: nothing on the network reaches a service, its internal
		// endpoints or its actuator.
		env.put("SERVER_ADDRESS", "127.0.0.1");
		String db = SuiteConfig.databaseOf(s);
		if (db != null) {
			env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + c.port(Port.POSTGRES) + "/" + db);
			env.put("SPRING_DATASOURCE_USERNAME", db);
			env.put("SPRING_DATASOURCE_PASSWORD", db);
		}
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + c.port(Port.KAFKA));
		env.put("PORTICO_SECURITY_ISSUER_URI", c.issuerUri());
		env.put("PORTICO_MAIL_HOST", "127.0.0.1");
		env.put("PORTICO_MAIL_PORT", Integer.toString(c.port(Port.SMTP)));
		// Where the services ask the hierarchy and who pays for an account; on the ports
		// of this run, not the defaults.
		env.put("PORTICO_ACCOUNT_ACCESS_ACCOUNT_SERVICE_URL", "http://127.0.0.1:" + c.servicePort("account-service"));
		env.put("PORTICO_PAYMENTS_INVOICE_SERVICE_URL", "http://127.0.0.1:" + c.servicePort("invoice-service"));
		if (s.equals("gateway")) {
			env.put("PORTICO_GATEWAY_MANAGEMENT_PORT", Integer.toString(c.port(Port.GATEWAY_MANAGEMENT)));
			env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
			for (String other : SuiteConfig.SERVICES) {
				String key = other.equals("web") ? "web" : SuiteConfig.databaseOf(other);
				if (key != null) {
					env.put("PORTICO_GATEWAY_SERVICES_" + key.toUpperCase(java.util.Locale.ROOT),
							"http://127.0.0.1:" + c.servicePort(other));
				}
			}
		}
		// The secrets of the development realm's clients, which the services have no
		// default for; the realm file falls back to these values unless its variables are
		// set, and Keycloak inherits this environment.
		env.put("PORTICO_SECURITY_SERVICE_CLIENT_SECRET",
				System.getenv().getOrDefault("PORTAL_SERVICES_CLIENT_SECRET", "portico-services-dev-secret"));
		if (s.equals("auth-service")) {
			// The page its reset and set-password e-mails link to, on the gateway of this
			// run.
			env.put("PORTICO_AUTH_RESET_LINK_BASE", c.portalUrl() + "/reset-password");
			env.put("PORTAL_AUTH_SERVICE_CLIENT_SECRET",
					System.getenv().getOrDefault("PORTAL_AUTH_SERVICE_CLIENT_SECRET", "auth-service-dev-secret"));
		}
		if (s.equals("web")) {
			env.put("PORTICO_PORTAL_CLIENT_SECRET",
					System.getenv().getOrDefault("PORTAL_WEB_CLIENT_SECRET", "portico-web-dev-secret"));
			// The web app calls the API as any client does: through the gateway.
			env.put("PORTICO_PORTAL_API_URL", "http://127.0.0.1:" + c.port(Port.GATEWAY));
		}
		env.putAll(c.extraServiceEnvironment());
		return env;
	}

	private synchronized void launch(String name, List<String> cmd, Map<String, String> env) {
		Path logFile = config.logFile(name);
		try {
			Files.writeString(logFile, "", java.nio.file.StandardOpenOption.CREATE,
					java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		long pid = Processes.startDetached(cmd, env, config.baseDir(), logFile, config.pidFile(name));
		started.put(name, pid);
		log.info("started {} (PID {}, log {})", name, pid, logFile);
	}

	private void awaitReady(List<String> names, Duration timeout) {
		Set<String> pending = new LinkedHashSet<>(names);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!pending.isEmpty()) {
			for (var it = pending.iterator(); it.hasNext();) {
				String n = it.next();
				if (Http.isOk(healthUri(config, n))) {
					it.remove();
					double secs = elapsedSeconds();
					if (started.containsKey(n)) {
						readySeconds.put(n, secs);
					}
					log.info("{} ready ({} s)", n, String.format(java.util.Locale.ROOT, "%.1f", secs));
					continue;
				}
				Optional<Long> pid = Processes.alivePid(config.pidFile(n));
				if (pid.isEmpty()) {
					throw new LauncherException(
							n + " exited during start-up: " + reason(n) + " (see " + config.logFile(n) + ")");
				}
			}
			if (pending.isEmpty()) {
				break;
			}
			if (System.nanoTime() > deadline) {
				throw new LauncherException(pending.stream()
					.map(n -> n + " was not ready within " + timeout.toSeconds() + " s (" + healthUri(config, n)
							+ "); see " + config.logFile(n))
					.collect(Collectors.joining("; ")));
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new LauncherException("interrupted while waiting for " + pending);
			}
		}
	}

	private String reason(String component) {
		if (component.equals(INFRA)) {
			Path err = config.runDir().resolve("infra.error");
			try {
				if (Files.isRegularFile(err)) {
					return Files.readString(err).trim();
				}
			}
			catch (IOException ignored) {
				// fall through
			}
		}
		String tail = Processes.tail(config.logFile(component), 1);
		return tail.isBlank() ? "no output" : "last log line: " + tail.strip();
	}

	private static Duration timeout(String env, int defaultSeconds) {
		String v = System.getenv(env);
		try {
			return Duration.ofSeconds(v == null || v.isBlank() ? defaultSeconds : Integer.parseInt(v.trim()));
		}
		catch (NumberFormatException e) {
			return Duration.ofSeconds(defaultSeconds);
		}
	}

}
