package dev.portico.invoice.testing;

import dev.portico.invoice.account.AccountDirectory;
import dev.portico.platform.security.AccountAccess;
import dev.portico.platform.security.access.LineageAccountAccess;
import dev.portico.test.ApiClient;
import dev.portico.test.LocalServer;
import dev.portico.test.ServiceApiTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** invoice-service over HTTP, with {@link TestAccounts} in place of account-service. */
@Import(InvoiceApiTest.Accounts.class)
public abstract class InvoiceApiTest extends ServiceApiTest<ApiClient> {

	@Autowired
	protected TestAccounts accounts;

	@Override
	protected ApiClient client(LocalServer server, String token) {
		return new ApiClient(server, token);
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
