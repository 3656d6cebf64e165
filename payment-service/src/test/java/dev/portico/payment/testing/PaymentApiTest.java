package dev.portico.payment.testing;

import java.net.http.HttpResponse;

import dev.portico.payment.processor.simulated.SimulatedProcessor;
import dev.portico.platform.security.AccountAccess;
import dev.portico.platform.security.access.AccountLineages;
import dev.portico.platform.security.access.LineageAccountAccess;
import dev.portico.test.ApiClient;
import dev.portico.test.LocalServer;
import dev.portico.test.ServiceApiTest;
import dev.portico.test.ShiftedClock;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * payment-service over HTTP, with {@link TestAccounts} in place of account-service, a
 * {@link ShiftedClock} the tests may move, and the service's own
 * {@link SimulatedProcessor}, whose failures tests switch on with
 * {@link SimulatedProcessor#failNext}.
 */
@Import(PaymentApiTest.Infrastructure.class)
public abstract class PaymentApiTest extends ServiceApiTest<PaymentApiTest.Client> {

	/** The simulated processor's card form. */
	public static final String TOKENS = "/api/payment-simulator/tokens";

	@Autowired
	protected TestAccounts accounts;

	@Autowired
	protected ShiftedClock clock;

	/** The service's simulated processor; null when a test runs with another one. */
	@Autowired(required = false)
	protected SimulatedProcessor processor;

	/**
	 * The simulator's token for {@code card}, as the customer's browser gets it from the
	 * processor's card form (no token of ours needed); fails the test when the card is
	 * refused.
	 */
	protected String tokenFor(TestCards.Json card) {
		HttpResponse<String> response = as(null).post(TOKENS, card);
		if (response.statusCode() != 201) {
			throw new AssertionError("The simulator refused the card: " + response.body());
		}
		return ApiClient.json(response).path("processorToken").asString();
	}

	/**
	 * The payment-methods body that saves {@code card}: its token, and
	 * {@code makeDefault} when the card has it.
	 */
	protected TestCards.Json saving(TestCards.Json card) {
		TestCards.Json body = new TestCards.Json();
		Object makeDefault = card.remove("makeDefault");
		body.with("processorToken", tokenFor(card));
		if (makeDefault != null) {
			body.with("makeDefault", makeDefault);
		}
		return body;
	}

	@Override
	protected Client client(LocalServer server, String token) {
		return new Client(server, token);
	}

	@AfterEach
	void resetTimeAndProcessor() {
		this.clock.reset();
		if (this.processor != null) {
			this.processor.failNext(SimulatedProcessor.FailureMode.NONE);
		}
	}

	/** The API client with the verbs payment tests need beyond {@link ApiClient}'s. */
	public static class Client extends ApiClient {

		public Client(LocalServer server, String token) {
			super(server, token);
		}

		public HttpResponse<String> delete(String path) {
			return send(path, "DELETE", "application/json", "");
		}

		public HttpResponse<String> patch(String path, Object body) {
			return patch(path, "application/json", body);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Infrastructure {

		/**
		 * Also the service's {@link AccountLineages}: the platform's remote one backs off
		 * when it is there.
		 */
		@Bean
		TestAccounts testAccounts() {
			return new TestAccounts();
		}

		@Bean
		AccountAccess testAccountAccess(TestAccounts accounts) {
			return new LineageAccountAccess(accounts);
		}

		/**
		 * Primary, and named apart from the service's own clock, whichever of the two is
		 * registered first.
		 */
		@Bean
		@Primary
		ShiftedClock testClock() {
			return new ShiftedClock();
		}

	}

}
