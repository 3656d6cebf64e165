package dev.portico.launcher;

import dev.portico.launcher.SuiteConfig.Port;
import dev.portico.launcher.process.Http;
import dev.portico.launcher.process.Processes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./portal up|down|status|logs NAME|reset}: the whole suite on this machine,
 * without Docker.
 *
 * <p>
 * Environment: {@code PORTAL_HOME} (state, default {@code <repo>/.portal}), the
 * {@code PORTAL_*_PORT} variables of {@link Port}, {@code PORTAL_SERVICE_JVM_OPTS},
 * {@code PORTAL_SERVICES} (comma list or {@code none}), {@code PORTAL_JIT}
 * ({@code start-up} or {@code throughput}, see {@link SuiteConfig.Jit}).
 */
public final class Portal {

	private static final PrintStream out = System.out;

	private Portal() {
	}

	public static void main(String[] args) {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "portico-portal-logback.xml");
		}
		int code;
		try {
			code = run(args);
		}
		catch (LauncherException e) {
			System.err.println("portal: " + e.getMessage());
			code = 1;
		}
		catch (RuntimeException e) {
			if (System.getenv("PORTAL_DEBUG") != null) {
				e.printStackTrace();
			}
			System.err.println("portal: " + e
					+ (System.getenv("PORTAL_DEBUG") == null ? " (set PORTAL_DEBUG=1 for the stack trace)" : ""));
			code = 2;
		}
		System.exit(code);
	}

	static Path repoRoot() {
		String p = System.getProperty("portal.repo", System.getenv("PORTAL_REPO"));
		return Path.of(p != null && !p.isBlank() ? p : ".").toAbsolutePath().normalize();
	}

	static int run(String[] args) {
		String cmd = args.length == 0 ? "help" : args[0];
		SuiteConfig config = SuiteConfig.fromEnvironment(repoRoot());
		return switch (cmd) {
			case "up" -> up(config);
			case "down" -> down(config);
			case "status" -> status(config);
			case "logs" -> logs(config, args.length > 1 ? args[1] : null);
			case "reset" -> reset(config);
			case "otp" -> otp();
			case "help", "-h", "--help" -> help();
			default -> {
				System.err.println("portal: unknown command '" + cmd + "'");
				help();
				yield 64;
			}
		};
	}

	private static int help() {
		out.println("""
				usage: ./portal COMMAND
				  up           start PostgreSQL, Kafka, mail catcher, Keycloak and the services (idempotent)
				  down         stop everything ./portal started
				  status       show each component: running or stopped, healthy, PID, URL
				  logs NAME    follow a log (infra, keycloak, gateway, auth-service, ...)
				  replay-dead-letters TOPIC.dlt
				               send the records set aside on a dead-letter topic back to their topic
				  reset        down, then delete all data (databases, Kafka topics, Keycloak users)
				  otp          a one-time code of the demo ops user, who must give one to sign in
				Ports: PORTAL_GATEWAY_PORT 8080, PORTAL_AUTH_PORT 8081, PORTAL_ACCOUNT_PORT 8082,
				  PORTAL_INVOICE_PORT 8083, PORTAL_PAYMENT_PORT 8084, PORTAL_USAGE_PORT 8085, PORTAL_WEB_PORT 8086,
				  PORTAL_POSTGRES_PORT 15432, PORTAL_KAFKA_PORT 19092, PORTAL_KAFKA_CONTROLLER_PORT 19093,
				  PORTAL_KEYCLOAK_PORT 8180, PORTAL_KEYCLOAK_MANAGEMENT_PORT 9100, PORTAL_SMTP_PORT 3025,
				  PORTAL_MAIL_API_PORT 8025. State: PORTAL_HOME (default .portal).""");
		return 0;
	}

	/**
	 * The code of the next 30-second step, which Keycloak accepts now too and which an
	 * earlier sign-in of this minute (the seeding's, a test's) has most likely not spent.
	 */
	private static int otp() {
		out.println(DemoLogins.OPS_AUTHENTICATOR.codeAt(Instant.now().plusSeconds(30)));
		return 0;
	}

	static int up(SuiteConfig config) {
		Suite suite = Suite.start(config);
		suite.detach();
		double secs = suite.elapsedSeconds();
		int gw = config.port(Port.GATEWAY);
		int kc = config.port(Port.KEYCLOAK);
		out.println();
		out.println("Portico is up.");
		out.println("  Portal (web)     http://localhost:" + gw + "/   (log in as alice / Alice#2026)");
		out.println("  Gateway          http://localhost:" + gw);
		out.println("  API              http://localhost:" + gw + "/api");
		out.println("  Swagger UI       http://localhost:" + gw + "/swagger-ui.html");
		out.println("  Keycloak admin   http://localhost:" + kc + "/admin/master/console/  (admin / admin)");
		out.println("  Realm issuer     " + config.issuerUri());
		out.println("  Mail catcher     " + suite.mailApiUrl() + "  (SMTP 127.0.0.1:" + config.port(Port.SMTP) + ")");
		out.println("  PostgreSQL       127.0.0.1:" + config.port(Port.POSTGRES)
				+ "  (databases auth, account, invoice, payment, usage; user = password = database name)");
		out.println("  Kafka            127.0.0.1:" + config.port(Port.KAFKA));
		out.println("  Demo logins      alice / Alice#2026, bob / Bob#2026, ops / Ops#2026 with the code of"
				+ " ./portal otp  (local run only)");
		out.println("  Ops' authenticator key  " + DemoLogins.OPS_AUTHENTICATOR.base32()
				+ "  (for an authenticator app; local run only)");
		out.println("  Try              curl -s localhost:" + config.port(Port.GATEWAY)
				+ "/api/auth/login -H 'Content-Type: application/json'"
				+ " -d '{\"username\":\"alice\",\"password\":\"Alice#2026\"}'");
		out.println("  Logs             " + config.logsDir() + "   (./portal logs NAME)");
		out.println(String.format(Locale.ROOT, "Suite ready in %.1f s", secs));
		return 0;
	}

	/** Every component that may have a PID file, services first. */
	private static List<String> allComponents() {
		List<String> all = new ArrayList<>(SuiteConfig.SERVICES);
		all.add(Suite.KEYCLOAK);
		all.add(Suite.INFRA);
		return all;
	}

	static int down(SuiteConfig config) {
		List<String> services = new ArrayList<>();
		List<Long> servicePids = new ArrayList<>();
		List<String> rest = new ArrayList<>();
		List<Long> restPids = new ArrayList<>();
		for (String c : allComponents()) {
			Optional<Long> pid = Processes.alivePid(config.pidFile(c));
			if (pid.isPresent()) {
				boolean infra = c.equals(Suite.INFRA) || c.equals(Suite.KEYCLOAK);
				(infra ? rest : services).add(c);
				(infra ? restPids : servicePids).add(pid.get());
			}
		}
		if (services.isEmpty() && rest.isEmpty()) {
			out.println("Nothing is running.");
			return 0;
		}
		if (!services.isEmpty()) {
			out.println("Stopping " + String.join(", ", services) + " ...");
			Set<Long> killed = Processes.stopAll(servicePids, Suite.STOP_GRACE);
			for (int i = 0; i < services.size(); i++) {
				if (killed.contains(servicePids.get(i))) {
					Suite.forgetCdsArchive(config, services.get(i));
				}
			}
		}
		if (!rest.isEmpty()) {
			out.println("Stopping " + String.join(", ", rest) + " ...");
			Processes.stopAll(restPids, Suite.STOP_GRACE);
		}
		for (String c : allComponents()) {
			Processes.deleteQuietly(config.pidFile(c));
		}
		out.println("Stopped.");
		return 0;
	}

	static int status(SuiteConfig config) {
		List<String> all = new ArrayList<>();
		all.add(Suite.INFRA);
		all.add(Suite.KEYCLOAK);
		all.addAll(SuiteConfig.SERVICES);
		out.println(String.format("%-16s %-8s %-9s %-8s %s", "COMPONENT", "STATE", "HEALTH", "PID", "URL"));
		for (String c : all) {
			Optional<Long> pid = Processes.alivePid(config.pidFile(c));
			String health = pid.isEmpty() ? "-" : Http.isOk(Suite.healthUri(config, c)) ? "healthy" : "unhealthy";
			long rss = pid.map(Processes::treeRssKib).orElse(-1L);
			out.println(String.format("%-16s %-8s %-9s %-8s %s%s", c, pid.isPresent() ? "running" : "stopped", health,
					pid.map(String::valueOf).orElse("-"), Suite.publicUrl(config, c),
					rss > 0 ? "  (RSS " + rss / 1024 + " MB)" : ""));
		}
		return 0;
	}

	static int logs(SuiteConfig config, String name) {
		if (name == null) {
			System.err.println("portal: which log? one of " + String.join(", ", allComponents()));
			return 64;
		}
		Path file = config.logFile(name);
		if (!Files.isRegularFile(file)) {
			throw new LauncherException("No log " + file + "; components: " + String.join(", ", allComponents()));
		}
		try {
			return new ProcessBuilder("tail", "-n", "200", "-F", file.toString()).inheritIO().start().waitFor();
		}
		catch (IOException e) {
			throw new LauncherException("cannot run tail: " + e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 130;
		}
	}

	static int reset(SuiteConfig config) {
		down(config);
		Suite.deleteData(config);
		out.println("Deleted " + config.dataDir() + " (PostgreSQL, Kafka), Keycloak's data and the logs.");
		return 0;
	}

}
