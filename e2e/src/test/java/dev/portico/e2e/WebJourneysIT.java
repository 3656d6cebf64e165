package dev.portico.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import dev.portico.launcher.Suite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app in a real browser (Debian's Chromium, driven by Playwright), each journey from the login page, through
 * the gateway of the whole suite with its demo data. Screenshots of every page go to {@code web/target/screenshots/}.
 * <p>
 * Chromium comes from apt ({@code .ci/run} installs it); Playwright never downloads a browser. Without Chromium
 * these journeys are skipped, unless {@code PORTICO_REQUIRE_BROWSER=1} (set by CI) makes that a failure.
 */
@ExtendWith(E2eSuite.class)
class WebJourneysIT {

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PORTICO_CHROMIUM", "/usr/bin/chromium"));

	private static Suite suite;

	private static Playwright playwright;

	private static Browser browser;

	private static Path screenshots;

	private BrowserContext context;

	private Page page;

	@BeforeAll
	static void startBrowser() throws IOException {
		boolean required = "1".equals(System.getenv("PORTICO_REQUIRE_BROWSER"));
		if (!Files.isExecutable(CHROMIUM)) {
			if (required) {
				throw new IllegalStateException(CHROMIUM + " is missing: apt-get install chromium (see .ci/run)");
			}
			Assumptions.abort("no Chromium at " + CHROMIUM + "; apt-get install chromium to run the browser journeys");
		}
		suite = E2eSuite.suite();
		Path root = Path.of(System.getProperty("portico.root", "..")).toAbsolutePath().normalize();
		screenshots = Files.createDirectories(root.resolve("web/target/screenshots"));
		playwright = Playwright.create(new Playwright.CreateOptions()
			.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		// No background traffic: this machine's network is closed, and Chromium would keep trying.
		browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
						"--disable-background-networking", "--disable-component-update", "--disable-sync")));
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
		if (playwright != null) {
			playwright.close();
		}
	}

	@BeforeEach
	void newContext() {
		this.context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)
			.setLocale("en-US")
			.setAcceptDownloads(true));
		this.page = this.context.newPage();
	}

	@AfterEach
	void closeContext() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aliceLogsInAndSeesHerAccountsOverview() {
		logIn("alice", "Alice#2026");

		assertThat(this.page.locator("h1")).hasText("Overview");
		assertThat(this.page.locator(".current-account")).containsText("Northwind Holdings");
		assertThat(this.page.locator("#balance .amount")).hasText(Pattern.compile("^\\$[0-9,]+\\.[0-9]{2}$"));
		assertThat(this.page.locator("#due")).isVisible();
		assertThat(this.page.getByText("Day 1 of each month")).isVisible();
		assertThat(this.page.locator("main")).not().containsText("{");
		screenshot("overview");
	}

	@Test
	void aliceDownloadsHerLatestInvoiceAsARealPdf() throws IOException {
		logIn("alice", "Alice#2026");

		Download download = this.page.waitForDownload(() -> this.page.getByText("(PDF)").click());

		assertThat(download.suggestedFilename()).matches("INV-\\d{4}-\\d{6}\\.pdf");
		byte[] pdf = Files.readAllBytes(download.path());
		assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(pdf.length).isGreaterThan(1000);
	}

	@Test
	void loggingOutEndsTheKeycloakSessionAndTheBackButtonShowsNoData() {
		logIn("alice", "Alice#2026");
		assertThat(this.page.locator("#balance")).isVisible();

		this.page.getByRole(AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Log Out")).click();
		this.page.waitForURL((url) -> url.contains("/realms/portal/"));
		assertThat(this.page.locator("#username")).isVisible();

		this.page.goBack();
		this.page.waitForLoadState(LoadState.NETWORKIDLE);
		assertThat(this.page.locator("body")).not().containsText("Northwind Holdings");
		assertThat(this.page.locator("#balance")).hasCount(0);

		// And the old session is really gone: the portal asks for a login again.
		this.page.navigate(suite.gatewayUrl() + "/");
		assertThat(this.page.locator("#username")).isVisible();
	}

	@Test
	void bobSeesHisOwnAccountOnly() {
		logIn("bob", "Bob#2026");

		assertThat(this.page.locator(".current-account")).not().containsText("Northwind");
		assertThat(this.page.locator("#balance")).isVisible();
		screenshot("overview-bob");
	}

	/** From the portal's address to Keycloak's login page and back, as a customer does it. */
	private void logIn(String username, String password) {
		this.page.navigate(suite.gatewayUrl() + "/");
		this.page.waitForURL((url) -> url.contains("/realms/portal/"));
		this.page.locator("#username").fill(username);
		this.page.locator("#password").fill(password);
		this.page.locator("#kc-login").click();
		this.page.waitForURL((url) -> url.startsWith(suite.gatewayUrl().toString()));
		this.page.waitForLoadState(LoadState.NETWORKIDLE);
	}

	/** The page at desktop width, then at a 360 px phone's, then back. */
	private void screenshot(String name) {
		this.page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(name + "-desktop.png"))
			.setFullPage(true));
		this.page.setViewportSize(360, 740);
		this.page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(name + "-phone.png"))
			.setFullPage(true));
		this.page.setViewportSize(1280, 800);
	}

}
