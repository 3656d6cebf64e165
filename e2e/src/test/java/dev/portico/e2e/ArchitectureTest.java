package dev.portico.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
 * no service, and controllers leave SQL to repositories.
 */
class ArchitectureTest {

	private static final List<String> SERVICES = List.of("gateway", "auth", "account", "invoice", "payment", "usage",
			"web");

	private static final List<String> MODULES = List.of("gateway", "auth-service", "account-service", "invoice-service",
			"payment-service", "usage-service", "web", "platform/events", "platform/web", "platform/security",
			"platform/service", "platform/test");

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

}
