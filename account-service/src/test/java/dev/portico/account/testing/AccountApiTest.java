package dev.portico.account.testing;

import dev.portico.test.LocalServer;
import dev.portico.test.ServiceApiTest;

/** account-service over HTTP; {@code ops} opens accounts with {@link Api#open}. */
public abstract class AccountApiTest extends ServiceApiTest<Api> {

	@Override
	protected Api client(LocalServer server, String token) {
		return new Api(server, token);
	}

}
