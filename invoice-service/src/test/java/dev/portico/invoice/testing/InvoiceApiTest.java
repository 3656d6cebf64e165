package dev.portico.invoice.testing;

import dev.portico.invoice.account.AccountDirectory;
import dev.portico.platform.security.AccountAccess;
import dev.portico.platform.security.access.LineageAccountAccess;
import dev.portico.test.ApiClient;
import dev.portico.test.LocalServer;
import dev.portico.test.TestTokens;
import dev.portico.test.WithKafka;
import dev.portico.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * invoice-service on a random port, its own database and the test JVM's Kafka, trusting {@link TestTokens}, with
 * {@link TestAccounts} in place of account-service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPostgres
@WithKafka
@Import(InvoiceApiTest.Accounts.class)
public abstract class InvoiceApiTest {

	@Autowired
	private Environment environment;

	@Autowired
	protected TestAccounts accounts;

	protected ApiClient ops;

	@DynamicPropertySource
	static void trustTestTokens(DynamicPropertyRegistry registry) {
		registry.add("portico.security.jwk-set-uri", TestTokens::jwkSetUri);
	}

	@BeforeEach
	void opsClient() {
		this.ops = new ApiClient(LocalServer.of(this.environment), TestTokens.ops());
	}

	protected ApiClient as(String token) {
		return this.ops.as(token);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Accounts {

		@Bean
		TestAccounts testAccounts() {
			return new TestAccounts();
		}

		@Bean
		@Primary
		AccountDirectory testAccountDirectory(TestAccounts accounts) {
			return accounts;
		}

		@Bean
		AccountAccess testAccountAccess(TestAccounts accounts) {
			return new LineageAccountAccess(accounts);
		}

	}

}
