package dev.portico.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout rules of STYLE.md, over the compiled classes of every module: services never
 * depend on each other's code (shared code lives in platform/), the platform depends on
 * no service, controllers leave SQL to repositories, and the domain (the services' values
 * and their use cases) knows nothing of HTTP, SQL or Kafka, which stay in the
 * controllers, repositories, clients and listeners around it.
 */
class ArchitectureTest {

	private static final List<String> SERVICES = List.of("gateway", "auth", "account", "invoice", "payment", "usage",
			"web");

	private static final List<String> MODULES = List.of("gateway", "auth-service", "account-service", "invoice-service",
			"payment-service", "usage-service", "web", "platform/events", "platform/web", "platform/security",
			"platform/service", "platform/test");

	/** The types of the edges: HTTP and servlets, JDBC and SQL, Kafka. */
	private static final String[] INFRASTRUCTURE = { "org.springframework.http..", "org.springframework.web..",
			"jakarta.servlet..", "java.sql..", "javax.sql..", "org.springframework.jdbc..", "org.apache.kafka..",
			"org.springframework.kafka.." };

	private static final String[] SERVICE_PACKAGES = { "dev.portico.auth..", "dev.portico.account..",
			"dev.portico.invoice..", "dev.portico.payment..", "dev.portico.usage.." };

	private static JavaClasses classes;

	@BeforeAll
	static void importEveryModule() {
		Path root = Path.of(System.getProperty("portico.root", "..")).toAbsolutePath().normalize();
		List<Path> locations = MODULES.stream()
			.map((module) -> root.resolve(module).resolve("target/classes"))
			.toList();
		assertThat(locations).allSatisfy(
				(location) -> assertThat(Files.isDirectory(location)).as("compiled classes at " + location).isTrue());
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPaths(locations);
	}

	@ParameterizedTest
	@ValueSource(strings = { "gateway", "auth", "account", "invoice", "payment", "usage", "web" })
	void serviceDependsOnNoOtherService(String service) {
		String[] others = SERVICES.stream()
			.filter((other) -> !other.equals(service))
			.map((other) -> "dev.portico." + other + "..")
			.toArray(String[]::new);
		noClasses().that()
			.resideInAPackage("dev.portico." + service + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.check(classes);
	}

	@Test
	void platformDependsOnNoService() {
		noClasses().that()
			.resideInAnyPackage("dev.portico.platform..", "dev.portico.events..", "dev.portico.test..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(
					SERVICES.stream().map((service) -> "dev.portico." + service + "..").toArray(String[]::new))
			.check(classes);
	}

	@Test
	void controllersDoNotTouchJdbc() {
		noClasses().that()
			.areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
			.or()
			.haveSimpleNameEndingWith("Controller")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..")
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void eventsCarryNoWebTypes() {
		noClasses().that()
			.resideInAPackage("dev.portico.events..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
			.check(classes);
	}

	/**
	 * A service's values (its records and enums: payments, invoices, balances, periods)
	 * carry no HTTP, SQL, Kafka or JSON types; how they are sent or stored is the edges'
	 * business. A record nested in a repository or a listener is part of that edge.
	 */
	@Test
	void domainValuesCarryNoInfrastructureOrJsonTypes() {
		noClasses().that()
			.resideInAnyPackage(SERVICE_PACKAGES)
			.and(DescribedPredicate.<JavaClass>describe("are top-level records or enums",
					(type) -> type.isTopLevelClass() && (type.isRecord() || type.isEnum())))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(concat(INFRASTRUCTURE, "tools.jackson.databind..", "com.fasterxml.jackson.databind.."))
			.check(classes);
	}

	/**
	 * The use cases ({@code *Service}) take and return domain values: the controller
	 * builds the HTTP answer, repositories hold the SQL, listeners and relays the Kafka
	 * records.
	 */
	@Test
	void useCasesKnowNoHttpSqlOrKafka() {
		noClasses().that()
			.resideInAnyPackage(SERVICE_PACKAGES)
			.and()
			.haveSimpleNameEndingWith("Service")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(INFRASTRUCTURE)
			.check(classes);
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = Arrays.copyOf(first, first.length + more.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

}
