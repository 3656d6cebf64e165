package dev.portico.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.launcher.SuiteConfig.Port;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteConfigTest {

	@TempDir
	Path workDir;

	@Test
	void defaultsAndOverrides() {
		Path repo = Path.of("/repo");
		SuiteConfig d = SuiteConfig.fromEnvironment(repo, Map.of());
		assertThat(d.port(Port.GATEWAY)).isEqualTo(8080);
		assertThat(d.port(Port.POSTGRES)).isEqualTo(15432);
		assertThat(d.port(Port.KAFKA_CONTROLLER)).isEqualTo(19093);
		assertThat(d.port(Port.KEYCLOAK)).isEqualTo(8180);
		assertThat(d.port(Port.KEYCLOAK_MANAGEMENT)).isEqualTo(9100);
		assertThat(d.port(Port.SMTP)).isEqualTo(3025);
		assertThat(d.port(Port.MAIL_API)).isEqualTo(8025);
		assertThat(d.baseDir()).isEqualTo(Path.of("/repo/.portal"));
		assertThat(d.serviceJar("account-service"))
			.isEqualTo(Path.of("/repo/account-service/target/account-service-" + BuildInfo.porticoVersion() + ".jar"));
		assertThat(d.serviceJvmOpts("gateway")).contains("-XX:SharedArchiveFile=/repo/.portal/cds/gateway.jsa",
				"-Xmx192m", "-Xmn64m");
		assertThat(d.issuerUri()).isEqualTo("http://localhost:8180/realms/portal");

		SuiteConfig o = SuiteConfig.fromEnvironment(repo, Map.of("PORTAL_KAFKA_PORT", "29092", "PORTAL_HOME", "/x",
				"PORTAL_SERVICE_JVM_OPTS", "-Xmx1g", "PORTAL_SERVICES", "gateway,account-service"));
		assertThat(o.port(Port.KAFKA)).isEqualTo(29092);
		assertThat(o.port(Port.KAFKA_CONTROLLER)).isEqualTo(29093);
		assertThat(o.baseDir()).isEqualTo(Path.of("/x"));
		assertThat(o.serviceJvmOpts("gateway")).containsExactly("-Xmx1g");
		assertThat(o.services()).containsExactly("gateway", "account-service");

		assertThatThrownBy(() -> SuiteConfig.fromEnvironment(repo, Map.of("PORTAL_GATEWAY_PORT", "http")))
			.isInstanceOf(LauncherException.class)
			.hasMessageContaining("PORTAL_GATEWAY_PORT");
	}

	@Test
	void jitIsTunedForStartUpUnlessThroughputIsAskedFor() {
		Path repo = Path.of("/repo");
		SuiteConfig startUp = SuiteConfig.fromEnvironment(repo, Map.of());
		assertThat(startUp.jit()).isEqualTo(SuiteConfig.Jit.START_UP);
		assertThat(startUp.serviceJvmOpts("payment-service")).contains("-XX:TieredStopAtLevel=1");
		for (String everyPage : List.of("gateway", "web")) {
			assertThat(startUp.serviceJvmOpts(everyPage)).doesNotContain("-XX:TieredStopAtLevel=1")
				.contains("-XX:Tier4InvocationThreshold=20000", "-XX:SweeperThreshold=50");
		}

		SuiteConfig throughput = SuiteConfig.fromEnvironment(repo, Map.of("PORTAL_JIT", "throughput"))
			.withServices(List.of("gateway", "payment-service", "auth-service"));
		assertThat(throughput.jit()).isEqualTo(SuiteConfig.Jit.THROUGHPUT);
		for (String hot : List.of("gateway", "account-service", "invoice-service", "payment-service")) {
			assertThat(throughput.serviceJvmOpts(hot))
				.noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel") || o.startsWith("-XX:Tier4"))
				.contains("-XX:ReservedCodeCacheSize=96m", "-XX:SweeperThreshold=50");
		}
		assertThat(throughput.serviceJvmOpts("auth-service")).contains("-XX:TieredStopAtLevel=1");
		assertThat(SuiteConfig
			.fromEnvironment(repo, Map.of("PORTAL_JIT", "throughput", "PORTAL_SERVICE_JVM_OPTS", "-Xmx1g"))
			.serviceJvmOpts("payment-service")).containsExactly("-Xmx1g");

		assertThatThrownBy(() -> SuiteConfig.fromEnvironment(repo, Map.of("PORTAL_JIT", "fast")))
			.isInstanceOf(LauncherException.class)
			.hasMessageContaining("PORTAL_JIT=fast");
	}

	@Test
	void testConfigUsesDistinctRandomPorts() {
		SuiteConfig c = SuiteConfig.forTests(Path.of(".."), workDir);
		Set<Integer> ports = Stream.of(Port.values()).map(c::port).collect(Collectors.toSet());
		assertThat(ports).hasSize(Port.values().length).doesNotContain(8080, 15432);
		assertThat(c.baseDir()).isEqualTo(workDir.toAbsolutePath());
		assertThat(c.isForTests()).isTrue();
	}

	@Test
	void serviceEnvironment() {
		SuiteConfig d = SuiteConfig.fromEnvironment(Path.of("/repo"), Map.of());
		Map<String, String> inv = Suite.serviceEnvironment(d, "invoice-service");
		assertThat(inv).containsEntry("SERVER_PORT", "8083")
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:15432/invoice")
			.containsEntry("SPRING_DATASOURCE_USERNAME", "invoice")
			.containsEntry("SPRING_DATASOURCE_PASSWORD", "invoice")
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")
			.containsEntry("PORTICO_SECURITY_ISSUER_URI", "http://localhost:8180/realms/portal")
			.containsEntry("PORTICO_MAIL_HOST", "127.0.0.1")
			.containsEntry("PORTICO_MAIL_PORT", "3025");
		Map<String, String> gw = Suite.serviceEnvironment(d, "gateway");
		assertThat(gw).doesNotContainKey("SPRING_DATASOURCE_URL")
			.containsEntry("SERVER_PORT", "8080")
			.containsEntry("PORTICO_GATEWAY_SERVICES_AUTH", "http://127.0.0.1:8081")
			.containsEntry("PORTICO_GATEWAY_SERVICES_ACCOUNT", "http://127.0.0.1:8082")
			.containsEntry("PORTICO_GATEWAY_SERVICES_INVOICE", "http://127.0.0.1:8083")
			.containsEntry("PORTICO_GATEWAY_SERVICES_PAYMENT", "http://127.0.0.1:8084")
			.containsEntry("PORTICO_GATEWAY_SERVICES_USAGE", "http://127.0.0.1:8085");
	}

	@Test
	void aTakenPortGivesOneClearLineNamingPortAndVariable() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			SuiteConfig c = SuiteConfig.forTests(Path.of(".."), workDir)
				.withPort(Port.POSTGRES, taken.getLocalPort())
				.withServices(List.of());
			assertThatThrownBy(() -> Suite.start(c)).isInstanceOf(PortInUseException.class)
				.hasMessage("Port " + taken.getLocalPort() + " (PostgreSQL) is already in use by another process;"
						+ " stop that process or set PORTAL_POSTGRES_PORT to a free port.");
			// nothing was started
			assertThat(c.pidFile(Suite.INFRA)).doesNotExist();
		}
	}

}
