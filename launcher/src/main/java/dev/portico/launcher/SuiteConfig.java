package dev.portico.launcher;

import dev.portico.launcher.process.Ports;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the suite needs to know to start: where the repository is, where its state
 * lives, and its ports.
 *
 * <p>
 * Two factories: {@link #fromEnvironment(Path)} (what {@code ./portal} uses; documented
 * defaults, each port overridable by a {@code PORTAL_*} variable) and
 * {@link #forTests(Path, Path)} (random free ports, fresh data).
 */
public final class SuiteConfig {

	/**
	 * The five services with a database, then the gateway, then the web app (which the
	 * gateway serves at /).
	 */
	public static final List<String> SERVICES = List.of("auth-service", "account-service", "invoice-service",
			"payment-service", "usage-service", "gateway", "web");

	/**
	 * Names of components and the environment variable that sets their port, with the
	 * default.
	 */
	public enum Port {

		GATEWAY("gateway", "PORTAL_GATEWAY_PORT", 8080),
		// The gateway's health and metrics, on a port of their own that the public
		// entrance does not serve.
		GATEWAY_MANAGEMENT("gateway management", "PORTAL_GATEWAY_MANAGEMENT_PORT", 9080),
		AUTH("auth-service", "PORTAL_AUTH_PORT", 8081), ACCOUNT("account-service", "PORTAL_ACCOUNT_PORT", 8082),
		INVOICE("invoice-service", "PORTAL_INVOICE_PORT", 8083),
		PAYMENT("payment-service", "PORTAL_PAYMENT_PORT", 8084), USAGE("usage-service", "PORTAL_USAGE_PORT", 8085),
		WEB("web", "PORTAL_WEB_PORT", 8086), POSTGRES("PostgreSQL", "PORTAL_POSTGRES_PORT", 15432),
		KAFKA("Kafka", "PORTAL_KAFKA_PORT", 19092),
		KAFKA_CONTROLLER("Kafka controller", "PORTAL_KAFKA_CONTROLLER_PORT", 19093),
		KEYCLOAK("Keycloak", "PORTAL_KEYCLOAK_PORT", 8180),
		KEYCLOAK_MANAGEMENT("Keycloak management", "PORTAL_KEYCLOAK_MANAGEMENT_PORT", 9100),
		SMTP("SMTP mail catcher", "PORTAL_SMTP_PORT", 3025), MAIL_API("mail catcher API", "PORTAL_MAIL_API_PORT", 8025);

		public final String label;

		public final String envVar;

		public final int defaultPort;

		Port(String label, String envVar, int defaultPort) {
			this.label = label;
			this.envVar = envVar;
			this.defaultPort = defaultPort;
		}

		/** The port of a service by its module name. */
		public static Port ofService(String name) {
			return Arrays.stream(values())
				.filter(p -> p.label.equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("unknown service " + name + "; one of " + SERVICES));
		}

	}

	/**
	 * SerialGC with a fixed 64 MiB young generation: grown from a 32 MiB heap, the young
	 * generation stayed at about 24 MiB under load, collected two to four times a second
	 * and promoted the objects of requests in flight, so the old generation filled with
	 * garbage and a full collection of about 300 ms stopped the gateway or
	 * account-service every few minutes (bench/gateway-overhead.sh).
	 */
	public static final String DEFAULT_SERVICE_JVM_OPTS = "-XX:+UseSerialGC -Xms96m -Xmx192m -Xmn64m -Xss512k"
			+ " -XX:ReservedCodeCacheSize=64m -XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive"
			+ " -XX:SharedArchiveFile={cds}/{name}.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
			+ " --enable-native-access=ALL-UNNAMED";

	private final Path repoRoot;

	private final Path baseDir;

	private final Map<Port, Integer> ports;

	private final String serviceJvmOpts;

	private final String version;

	private final boolean forTests;

	private Jit jit = Jit.START_UP;

	private List<String> services = SERVICES;

	private boolean keycloak = true;

	private Map<String, String> serviceEnvironment = Map.of();

	private SuiteConfig(Path repoRoot, Path baseDir, Map<Port, Integer> ports, String serviceJvmOpts, String version,
			boolean forTests) {
		this.repoRoot = repoRoot.toAbsolutePath().normalize();
		this.baseDir = baseDir.toAbsolutePath().normalize();
		this.ports = Map.copyOf(ports);
		this.serviceJvmOpts = serviceJvmOpts;
		this.version = version;
		this.forTests = forTests;
	}

	/**
	 * What {@code ./portal} uses: defaults, overridden by {@code PORTAL_*} environment
	 * variables.
	 */
	public static SuiteConfig fromEnvironment(Path repoRoot) {
		return fromEnvironment(repoRoot, System.getenv());
	}

	static SuiteConfig fromEnvironment(Path repoRoot, Map<String, String> env) {
		Map<Port, Integer> ports = new LinkedHashMap<>();
		for (Port p : Port.values()) {
			String v = env.get(p.envVar);
			int port = p.defaultPort;
			if (p == Port.KAFKA_CONTROLLER && (v == null || v.isBlank()) && env.get(Port.KAFKA.envVar) != null) {
				port = ports.get(Port.KAFKA) + 1;
			}
			if (v != null && !v.isBlank()) {
				try {
					port = Integer.parseInt(v.trim());
				}
				catch (NumberFormatException e) {
					throw new LauncherException(p.envVar + "=" + v + " is not a port number.");
				}
				if (port < 1 || port > 65535) {
					throw new LauncherException(p.envVar + "=" + v + " is not a port number (1-65535).");
				}
			}
			ports.put(p, port);
		}
		String home = env.get("PORTAL_HOME");
		Path base = home == null || home.isBlank() ? repoRoot.resolve(".portal") : Path.of(home);
		String opts = env.getOrDefault("PORTAL_SERVICE_JVM_OPTS", "");
		SuiteConfig c = new SuiteConfig(repoRoot, base, ports, opts.isBlank() ? DEFAULT_SERVICE_JVM_OPTS : opts,
				BuildInfo.porticoVersion(), false);
		c.jit = Jit.fromEnvironment(env.get("PORTAL_JIT"));
		String only = env.get("PORTAL_SERVICES");
		if (only != null && !only.isBlank()) {
			c = c.withServices(Arrays.stream(only.split(","))
				.map(String::trim)
				.filter(x -> !x.isEmpty())
				.filter(x -> !x.equals("none"))
				.toList());
		}
		return c;
	}

	/** Random free ports on 127.0.0.1 and all state under {@code workDir}. */
	public static SuiteConfig forTests(Path repoRoot, Path workDir) {
		int[] free = Ports.freePorts(Port.values().length);
		Map<Port, Integer> ports = new LinkedHashMap<>();
		for (Port p : Port.values()) {
			ports.put(p, free[p.ordinal()]);
		}
		String opts = System.getenv().getOrDefault("PORTAL_SERVICE_JVM_OPTS", "");
		return new SuiteConfig(repoRoot, workDir, ports, opts.isBlank() ? DEFAULT_SERVICE_JVM_OPTS : opts,
				BuildInfo.porticoVersion(), true);
	}

	/** A copy with one port changed (tests, tools). */
	public SuiteConfig withPort(Port port, int value) {
		Map<Port, Integer> copy = new LinkedHashMap<>(ports);
		copy.put(port, value);
		return copyWith(copy, services, keycloak);
	}

	/**
	 * A copy that starts only these services (of {@link #SERVICES}); the empty list
	 * starts infrastructure only.
	 */
	public SuiteConfig withServices(List<String> names) {
		for (String n : names) {
			Port.ofService(n);
		}
		return copyWith(ports, List.copyOf(names), keycloak);
	}

	/** A copy that does (or does not) start Keycloak. */
	public SuiteConfig withKeycloak(boolean enabled) {
		return copyWith(ports, services, enabled);
	}

	/**
	 * A copy that gives every service these environment variables too (tests: e.g. where
	 * to export traces).
	 */
	public SuiteConfig withServiceEnvironment(Map<String, String> environment) {
		SuiteConfig c = copyWith(ports, services, keycloak);
		c.serviceEnvironment = Map.copyOf(environment);
		return c;
	}

	/** What {@link #withServiceEnvironment} added. */
	public Map<String, String> extraServiceEnvironment() {
		return serviceEnvironment;
	}

	private SuiteConfig copyWith(Map<Port, Integer> p, List<String> s, boolean kc) {
		SuiteConfig c = new SuiteConfig(repoRoot, baseDir, p, serviceJvmOpts, version, forTests);
		c.jit = jit;
		c.services = s;
		c.keycloak = kc;
		c.serviceEnvironment = serviceEnvironment;
		return c;
	}

	/** Services this configuration starts (all six by default). */
	public List<String> services() {
		return services;
	}

	public boolean keycloakEnabled() {
		return keycloak;
	}

	public Path repoRoot() {
		return repoRoot;
	}

	/**
	 * Root of the suite's state: {@code data/}, {@code logs/}, {@code run/},
	 * {@code cds/}, {@code keycloak/}.
	 */
	public Path baseDir() {
		return baseDir;
	}

	public int port(Port p) {
		return ports.get(p);
	}

	public int servicePort(String service) {
		return port(Port.ofService(service));
	}

	public String version() {
		return version;
	}

	public boolean isForTests() {
		return forTests;
	}

	public Path dataDir() {
		return baseDir.resolve("data");
	}

	public Path logsDir() {
		return baseDir.resolve("logs");
	}

	public Path runDir() {
		return baseDir.resolve("run");
	}

	public Path cdsDir() {
		return baseDir.resolve("cds");
	}

	/**
	 * Extracted service jars, run from there so that class-data sharing covers their
	 * classes.
	 */
	public Path appsDir() {
		return baseDir.resolve("apps");
	}

	public Path cdsArchive(String service) {
		return cdsDir().resolve(service + ".jsa");
	}

	public Path keycloakDir() {
		return baseDir.resolve("keycloak");
	}

	public Path logFile(String component) {
		return logsDir().resolve(component + ".log");
	}

	public Path pidFile(String component) {
		return runDir().resolve(component + ".pid");
	}

	public Path serviceJar(String service) {
		return repoRoot.resolve(service).resolve("target").resolve(service + "-" + version + ".jar");
	}

	/**
	 * How the suite's JVMs compile. {@code PORTAL_JIT=start-up} (the default) keeps the
	 * services C1-only, which starts them and the whole suite fastest on two cores, with
	 * the gateway alone on the optimising JIT (raised thresholds keep its start-up code
	 * in C1). {@code PORTAL_JIT=throughput} runs the services on every request's path and
	 * the Kafka broker as a JVM runs by default and as the container images do: C2 for
	 * hot code, which halves their CPU per request once warm but costs 5-8 s more to
	 * start (bench/payments.sh).
	 */
	public enum Jit {

		START_UP, THROUGHPUT;

		static Jit fromEnvironment(String value) {
			if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("start-up")) {
				return START_UP;
			}
			if (value.trim().equalsIgnoreCase("throughput")) {
				return THROUGHPUT;
			}
			throw new LauncherException("PORTAL_JIT=" + value + " is neither start-up nor throughput.");
		}

	}

	/**
	 * Services every page of the portal crosses (twice, for the gateway), on the
	 * optimising JIT by default.
	 */
	static final Set<String> EVERY_PAGE_SERVICES = Set.of("gateway", "web");

	/** Services on the path of every payment and overview. */
	static final Set<String> HOT_PATH_SERVICES = Set.of("gateway", "account-service", "invoice-service",
			"payment-service");

	public Jit jit() {
		return jit;
	}

	/**
	 * Code cache of the services on the optimising JIT. By default the JVM forces a
	 * collection to unload code each time 15 % of the code cache has been newly filled;
	 * with SerialGC that is a full, stop-the-world collection of 300-450 ms, and a
	 * warming C2 service took four to six of them under load (bench/payments.sh), each
	 * one in the latency of whatever was in flight. At 50 % it comes at most once while
	 * warming; a nearly full code cache still triggers one.
	 */
	static final String C2_CODE_CACHE = "-XX:ReservedCodeCacheSize=96m -XX:SweeperThreshold=50";

	/** JVM options for a service, with {@code {cds}} and {@code {name}} filled in. */
	public List<String> serviceJvmOpts(String service) {
		String opts = serviceJvmOpts;
		if (opts.equals(DEFAULT_SERVICE_JVM_OPTS) && jit == Jit.THROUGHPUT && HOT_PATH_SERVICES.contains(service)) {
			opts = opts.replace(" -XX:TieredStopAtLevel=1", "").replace("-XX:ReservedCodeCacheSize=64m", C2_CODE_CACHE);
		}
		else if (EVERY_PAGE_SERVICES.contains(service) && opts.equals(DEFAULT_SERVICE_JVM_OPTS)) {
			// Every request crosses the gateway, and every page the web app: C1-only code
			// made the gateway cost twice the CPU per proxied call
			// (bench/gateway-overhead.sh), and the web app and gateway together took
			// three quarters of the suite's CPU per page (bench/web-pages.sh), more than
			// the memory C2 takes.
			opts = opts
				.replace(" -XX:TieredStopAtLevel=1",
						" -XX:Tier4InvocationThreshold=20000"
								+ " -XX:Tier4CompileThreshold=30000 -XX:Tier4BackEdgeThreshold=160000")
				.replace("-XX:ReservedCodeCacheSize=64m", C2_CODE_CACHE);
		}
		String filled = opts.replace("{cds}", cdsDir().toString()).replace("{name}", service);
		return Arrays.stream(filled.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
	}

	/**
	 * Database (and login role, and password) of a service: {@code account-service} →
	 * {@code account}.
	 */
	public static String databaseOf(String service) {
		Objects.requireNonNull(service);
		return service.endsWith("-service") ? service.substring(0, service.length() - "-service".length()) : null;
	}

	/**
	 * Issuer of the {@code portal} realm as the clients see it (must match the token's
	 * {@code iss} exactly).
	 */
	public String issuerUri() {
		return "http://localhost:" + port(Port.KEYCLOAK) + "/realms/portal";
	}

	/** The portal as browsers open it: the gateway, on this run's port. */
	public String portalUrl() {
		return "http://localhost:" + port(Port.GATEWAY);
	}

	@Override
	public String toString() {
		return "SuiteConfig[base=" + baseDir + ", ports=" + ports + ", services=" + services + ", keycloak=" + keycloak
				+ ", forTests=" + forTests + "]";
	}

}
