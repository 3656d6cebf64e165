package dev.portico.account.testing;

import java.net.http.HttpResponse;
import java.util.UUID;

import dev.portico.test.ApiClient;
import dev.portico.test.LocalServer;

import static org.assertj.core.api.Assertions.assertThat;

/** account-service's API as a client calls it, with one caller's token. */
public final class Api extends ApiClient {

	public Api(LocalServer server, String token) {
		super(server, token);
	}

	@Override
	public Api as(String otherToken) {
		return new Api(server(), otherToken);
	}

	/** Opens an account (the caller must be ops) and returns its id. */
	public UUID open(AccountMother account) {
		HttpResponse<String> response = post("/api/accounts", account.body());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return UUID.fromString(json(response).path("accountId").asString());
	}

}
