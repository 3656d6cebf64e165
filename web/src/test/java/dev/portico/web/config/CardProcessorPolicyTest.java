package dev.portico.web.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With Stripe as the card processor, the pages may load Stripe's script and frames and
 * talk to Stripe's API (its card element and 3-D Secure challenge), and nothing more; the
 * web app refuses to start without the publishable key or with an unknown processor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "portico.portal.issuer-uri=http://localhost:18180/realms/portal",
				"portico.portal.api-url=http://127.0.0.1:9", "portico.portal.card-processor=stripe",
				"portico.portal.stripe-publishable-key=pk_test_portico" })
class CardProcessorPolicyTest {

	@LocalServerPort
	private int port;

	@Test
	void stripesScriptFramesAndApiAreAllowedAndNothingElse() throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/")).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'self'")
				.contains("script-src 'self' https://js.stripe.com;")
				.contains("frame-src https://js.stripe.com https://hooks.stripe.com;")
				.contains("connect-src 'self' https://api.stripe.com")
				.doesNotContain("unsafe-inline", "*"));
	}

	@Test
	void withoutItsClientSecretTheWebAppDoesNotStart() {
		for (String missing : new String[] { null, "", " " }) {
			assertThatThrownBy(() -> new PortalProperties(URI.create("http://gateway"), "http://kc/realms/portal",
					"web", missing, null, "simulated", null))
				.hasMessageContaining("PORTICO_PORTAL_CLIENT_SECRET");
		}
	}

	@Test
	void stripeNeedsItsPublishableKeyAndNoOtherProcessorIsKnown() {
		assertThatThrownBy(() -> new PortalProperties(URI.create("http://gateway"), "http://kc/realms/portal", "web",
				"secret", null, "stripe", " "))
			.hasMessageContaining("stripe-publishable-key");
		assertThatThrownBy(() -> new PortalProperties(URI.create("http://gateway"), "http://kc/realms/portal", "web",
				"secret", null, "paypal", null))
			.hasMessageContaining("simulated or stripe");
		assertThat(new PortalProperties(URI.create("http://gateway"), "http://kc/realms/portal", "web", "secret", null,
				"simulated", null)
			.stripe()).isFalse();
	}

}
