package dev.portico.web.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser sees before it logs in: every page sends it to Keycloak with PKCE, the
 * session cookie is {@code HttpOnly} and {@code SameSite}, forms need a CSRF token, and
 * the assets are public and limited to this origin. Keycloak itself is not needed for any
 * of this; the journeys after login run in e2e against the whole suite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"portico.portal.issuer-uri=http://localhost:18180/realms/portal", "portico.portal.api-url=http://127.0.0.1:9" })
class LoginSecurityTest {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalServerPort
	private int port;

	@Test
	void aPageSendsTheBrowserToLogInWithKeycloakUsingPkce() throws Exception {
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValue(base() + "/oauth2/authorization/portico");
		List<String> cookies = page.headers().allValues("Set-Cookie");
		assertThat(cookies).anySatisfy((cookie) -> assertThat(cookie).startsWith("PORTICO_SESSION=")
			.contains("HttpOnly")
			.contains("SameSite=Lax"));

		HttpResponse<String> authorize = get("/oauth2/authorization/portico",
				cookies.get(0).substring(0, cookies.get(0).indexOf(';')));
		assertThat(authorize.statusCode()).isEqualTo(302);
		String location = authorize.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith("http://localhost:18180/realms/portal/protocol/openid-connect/auth?")
			.contains("client_id=portico-web")
			.contains("response_type=code")
			.contains("code_challenge_method=S256")
			.contains("code_challenge=")
			.contains("redirect_uri=" + base() + "/login/oauth2/code/portico");
	}

	@Test
	void pagesMayNotBeCachedAndMayOnlyLoadWhatThisOriginServes() throws Exception {
		HttpResponse<String> page = get("/");
		assertThat(page.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'self'")
				.contains("frame-ancestors 'none'")
				.contains("form-action 'self' http://localhost:18180"));
	}

	@Test
	void assetsArePublicAndCompressed() throws Exception {
		HttpResponse<String> css = send(HttpRequest.newBuilder(URI.create(base() + "/assets/css/portico.css"))
			.header("Accept-Encoding", "gzip")
			.build());
		assertThat(css.statusCode()).isEqualTo(200);
		HttpResponse<String> htmx = get("/assets/webjars/htmx.org/dist/htmx.min.js");
		assertThat(htmx.statusCode()).isEqualTo(200);
		assertThat(htmx.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("javascript"));
	}

	@Test
	void loggingOutNeedsTheFormsCsrfToken() throws Exception {
		HttpResponse<String> logout = send(HttpRequest.newBuilder(URI.create(base() + "/logout"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(logout.statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> get(String path, String... cookie) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
		if (cookie.length > 0) {
			request.header("Cookie", cookie[0]);
		}
		return send(request.build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
