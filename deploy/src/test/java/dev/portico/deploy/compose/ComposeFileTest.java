package dev.portico.deploy.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.portico.deploy.Repo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml keeps its rules and agrees with the services, the realm file and the
 * database script.
 */
class ComposeFileTest {

	private static final Path ROOT = Repo.root();

	private final ComposeFile compose = ComposeFile.load();

	@Test
	void keepsEveryRule() {
		String yaml = ComposeFile.read(ROOT.resolve("docker-compose.yml"));
		String envExample = ComposeFile.read(ROOT.resolve(".env.example"));
		assertThat(new ComposeChecks(ROOT, ComposeFile.OUR_SERVICES).check(yaml, envExample)).isEmpty();
	}

	@Test
	void healthChecksAskEachServiceOnItsOwnPortForReadiness() {
		for (String name : ComposeFile.OUR_SERVICES) {
			Map<String, Object> healthcheck = ComposeFile.map(this.compose.service(name).get("healthcheck"), name);
			// bash, not CMD-SHELL: /bin/sh of a Debian-based image is dash, which has no
			// /dev/tcp.
			assertThat(ComposeFile.list(healthcheck.get("test"), name)).as(name).startsWith("CMD", "bash", "-c");
			assertThat(healthcheck.get("test").toString()).as(name)
				.contains("/dev/tcp/127.0.0.1/" + ComposeFile.managementPort(name) + " ")
				.contains("GET /actuator/health/readiness ");
		}
	}

	@Test
	void everyAddressOfOurServicesUsesItsPort() {
		Pattern address = Pattern.compile("https?://([a-z-]+):(\\d+)");
		List<String> wrong = new ArrayList<>();
		this.compose.services()
			.forEach((name, service) -> ComposeFile.environment(service).forEach((variable, value) -> {
				Matcher url = address.matcher(value == null ? "" : value);
				while (url.find()) {
					String host = url.group(1);
					if (ComposeFile.OUR_SERVICES.contains(host)
							&& ComposeFile.serverPort(host) != Integer.parseInt(url.group(2))) {
						wrong.add(name + " " + variable + "=" + value);
					}
				}
			}));
		assertThat(wrong).isEmpty();
	}

	@Test
	void eachDatabaseServiceUsesItsOwnDatabaseCreatedByTheInitScript() {
		String script = ComposeFile.read(ROOT.resolve("config/compose/init-databases.sh"));
		Map<String, String> postgres = this.compose.environment("postgres");
		List<String> databases = new ArrayList<>();
		for (String name : ComposeFile.OUR_SERVICES) {
			Map<String, String> env = this.compose.environment(name);
			String url = env.get("SPRING_DATASOURCE_URL");
			if (url == null) {
				continue;
			}
			String db = url.substring(url.lastIndexOf('/') + 1);
			databases.add(db);
			assertThat(url).isEqualTo("jdbc:postgresql://postgres:5432/" + db);
			assertThat(name).startsWith(db);
			assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(db);
			// The same variable sets the role's password in PostgreSQL and the service's.
			String variable = db.toUpperCase() + "_DB_PASSWORD";
			assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).as(name).startsWith("${" + variable + ":");
			assertThat(postgres.get(variable)).as("postgres " + variable)
				.isEqualTo(env.get("SPRING_DATASOURCE_PASSWORD"));
			assertThat(this.compose.service(name).get("depends_on").toString()).as(name).contains("postgres");
		}
		assertThat(databases).containsExactlyInAnyOrder("auth", "account", "invoice", "payment", "usage");
		assertThat(script)
			.contains("for db in " + String.join(" ", List.of("auth", "account", "invoice", "payment", "usage")) + ";");
	}

	@Test
	void keycloakIsGivenEveryPlaceholderOfTheRealmFileAndSharesTheClientSecrets() {
		String realm = ComposeFile.read(ROOT.resolve("config/keycloak/portal-realm.json"));
		Matcher placeholder = Pattern.compile("\\$\\{(PORTAL_[A-Z_]+):").matcher(realm);
		Set<String> placeholders = new TreeSet<>();
		while (placeholder.find()) {
			placeholders.add(placeholder.group(1));
		}
		Map<String, String> keycloak = this.compose.environment("keycloak");
		assertThat(keycloak).containsKeys(placeholders.toArray(String[]::new));
		assertThat(this.compose.environment("auth-service").get("PORTAL_AUTH_SERVICE_CLIENT_SECRET"))
			.isEqualTo(keycloak.get("PORTAL_AUTH_SERVICE_CLIENT_SECRET"));
		assertThat(this.compose.environment("web").get("PORTICO_PORTAL_CLIENT_SECRET"))
			.isEqualTo(keycloak.get("PORTAL_WEB_CLIENT_SECRET"));
	}

	@Test
	void tokensAreCheckedAgainstTheBrowserFacingIssuerWithKeysFetchedInsideTheNetwork() {
		assertThat(this.compose.environment("keycloak")).containsEntry("KC_HOSTNAME", "http://localhost:8180")
			.containsEntry("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true");
		assertThat(this.compose.service("keycloak").get("ports").toString()).contains("8180:8080");
		for (String name : ComposeFile.OUR_SERVICES) {
			assertThat(this.compose.environment(name)).as(name)
				.containsEntry("PORTICO_SECURITY_ISSUER_URI", "http://localhost:8180/realms/portal")
				.containsEntry("PORTICO_SECURITY_JWK_SET_URI",
						"http://keycloak:8080/realms/portal/protocol/openid-connect/certs");
		}
	}

	@Test
	void onlyTheGatewayKeycloakAndUserInterfacesArePublishedAndOnlyOnLoopback() {
		Set<String> publishing = new TreeSet<>();
		this.compose.services().forEach((name, service) -> {
			if (service.get("ports") instanceof List<?> ports) {
				publishing.add(name);
				assertThat(ports).as(name).allSatisfy((port) -> assertThat(port.toString()).startsWith("127.0.0.1:"));
			}
		});
		assertThat(publishing).containsExactlyInAnyOrder("gateway", "keycloak", "mailpit", "prometheus", "grafana");
	}

	@Test
	void theServicesOfKafkaTalkToTheBrokerInsideTheNetwork() {
		for (String name : List.of("account-service", "invoice-service", "payment-service", "usage-service")) {
			assertThat(this.compose.environment(name)).as(name)
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
			assertThat(this.compose.service(name).get("depends_on").toString()).as(name).contains("kafka");
		}
	}

	@Test
	void theGatewayAloneIsTrustedAsProxyByAuthService() {
		Map<String, Object> networks = ComposeFile.map(this.compose.service("gateway").get("networks"),
				"gateway networks");
		Object address = ComposeFile.map(networks.get("portico"), "gateway network").get("ipv4_address");
		assertThat(this.compose.environment("auth-service")).containsEntry("PORTICO_AUTH_TRUSTED_PROXIES",
				String.valueOf(address));
	}

	@Test
	void prometheusAndGrafanaComeOnlyWithTheMonitoringProfile() {
		this.compose.services().forEach((name, service) -> {
			boolean monitoring = name.equals("prometheus") || name.equals("grafana");
			assertThat(service.get("profiles")).as(name).isEqualTo(monitoring ? List.of("monitoring") : null);
		});
	}

}
