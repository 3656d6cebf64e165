package dev.portico.deploy.compose;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.portico.deploy.Repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule of {@link ComposeChecks} fails on a file that breaks it, so a green check
 * means something.
 */
class ComposeChecksTest {

	private static final String GOOD = """
			x-env: &env
			  TRACE_ENDPOINT:
			services:
			  db:
			    image: postgres:18
			    environment:
			      POSTGRES_PASSWORD: ${DB_PASSWORD:?set it}
			    volumes:
			      - db-data:/var/lib/postgresql
			      - ./config/compose/init-databases.sh:/docker-entrypoint-initdb.d/init.sh:ro
			    healthcheck:
			      test: ["CMD", "pg_isready"]
			  shop:
			    image: portico/shop:${PORTICO_VERSION:-0.1.0-SNAPSHOT}
			    environment:
			      <<: *env
			      SPRING_DATASOURCE_PASSWORD: ${DB_PASSWORD:?set it}
			    healthcheck:
			      test: ["CMD", "bash", "-c", "exit 0"]
			    depends_on:
			      db:
			        condition: service_healthy
			volumes:
			  db-data:
			""";

	private static final String ENV_EXAMPLE = """
			PORTICO_VERSION=0.1.0-SNAPSHOT
			DB_PASSWORD=dev-DEV
			# TRACE_ENDPOINT=http://collector:4318/v1/traces
			""";

	private final ComposeChecks checks = new ComposeChecks(Repo.root(), List.of("shop"));

	@Test
	void aFileKeepingEveryRulePasses() {
		assertThat(this.checks.check(GOOD, ENV_EXAMPLE)).isEmpty();
	}

	@Test
	void aServiceWithoutHealthcheckFails() {
		String broken = GOOD.replace("""
				    healthcheck:
				      test: ["CMD", "pg_isready"]
				""", "");
		assertThat(this.checks.check(broken, ENV_EXAMPLE)).containsExactly("db: no healthcheck");
	}

	@Test
	void aDependencyThatIsOnlyStartedFails() {
		String broken = GOOD.replace("condition: service_healthy", "condition: service_started");
		assertThat(this.checks.check(broken, ENV_EXAMPLE))
			.containsExactly("shop: depends on db with condition service_started instead of service_healthy");
	}

	@Test
	void aDependencyListWithoutConditionFails() {
		String broken = GOOD.replace("""
				    depends_on:
				      db:
				        condition: service_healthy
				""", """
				    depends_on: [db]
				""");
		assertThat(this.checks.check(broken, ENV_EXAMPLE))
			.containsExactly("shop: depends_on [db] without condition service_healthy");
	}

	@Test
	void aDependencyOnAMissingServiceFails() {
		String broken = GOOD.replace("      db:\n        condition", "      dbx:\n        condition");
		assertThat(this.checks.check(broken, ENV_EXAMPLE)).containsExactly("shop: depends on dbx, which is no service");
	}

	@Test
	void aSecretWrittenIntoTheFileFails() {
		String literal = GOOD.replace("SPRING_DATASOURCE_PASSWORD: ${DB_PASSWORD:?set it}",
				"SPRING_DATASOURCE_PASSWORD: hunter2");
		String withDefault = GOOD.replace("SPRING_DATASOURCE_PASSWORD: ${DB_PASSWORD:?set it}",
				"SPRING_DATASOURCE_PASSWORD: ${DB_PASSWORD:-hunter2}");
		String problem = "shop: SPRING_DATASOURCE_PASSWORD holds a value instead of a ${...} reference without default";
		assertThat(this.checks.check(literal, ENV_EXAMPLE)).containsExactly(problem);
		assertThat(this.checks.check(withDefault, ENV_EXAMPLE)).containsExactly(problem);
	}

	@Test
	void aVariableMissingFromEnvExampleFails() {
		String broken = GOOD.replace("${DB_PASSWORD:?set it}\n    volumes", "${DB_PASSWORD_TYPO:?set it}\n    volumes");
		String passThroughUnlisted = GOOD.replace("TRACE_ENDPOINT:", "OTHER_ENDPOINT:");
		assertThat(this.checks.check(broken, ENV_EXAMPLE))
			.containsExactly("DB_PASSWORD_TYPO: used by docker-compose.yml, not listed in .env.example");
		assertThat(this.checks.check(passThroughUnlisted, ENV_EXAMPLE))
			.containsExactly("OTHER_ENDPOINT: used by docker-compose.yml, not listed in .env.example");
	}

	@Test
	void aMountOfAMissingFileOrFromOutsideTheRepositoryFails() {
		String missing = GOOD.replace("./config/compose/init-databases.sh", "./config/compose/init-database.sh");
		String outside = GOOD.replace("./config/compose/init-databases.sh", "/etc/passwd");
		String undeclared = GOOD.replace("- db-data:/var", "- db-dat:/var");
		assertThat(this.checks.check(missing, ENV_EXAMPLE))
			.containsExactly("db: mounts ./config/compose/init-database.sh, which does not exist in the repository");
		assertThat(this.checks.check(outside, ENV_EXAMPLE))
			.containsExactly("db: mounts /etc/passwd from outside the repository");
		assertThat(this.checks.check(undeclared, ENV_EXAMPLE))
			.containsExactly("db: volume db-dat is not declared under volumes");
	}

	@Test
	void anImageNotNamedAsJibBuildsItFails() {
		String otherName = GOOD.replace("portico/shop:", "portico/shop-service:");
		String fixedTag = GOOD.replace("portico/shop:${PORTICO_VERSION:-0.1.0-SNAPSHOT}", "portico/shop:latest");
		assertThat(this.checks.check(otherName, ENV_EXAMPLE)).containsExactly(
				"shop: image portico/shop-service:${PORTICO_VERSION:-0.1.0-SNAPSHOT} is not portico/shop:${PORTICO_VERSION...}");
		assertThat(this.checks.check(fixedTag, ENV_EXAMPLE))
			.containsExactly("shop: image portico/shop:latest is not portico/shop:${PORTICO_VERSION...}");
	}

	@Test
	void aDuplicatedKeyFailsToLoad() {
		String broken = GOOD.replace("    image: postgres:18\n", "    image: postgres:18\n    image: postgres:17\n");
		assertThatThrownBy(() -> this.checks.check(broken, ENV_EXAMPLE)).hasMessageContaining("duplicate key image");
	}

}
