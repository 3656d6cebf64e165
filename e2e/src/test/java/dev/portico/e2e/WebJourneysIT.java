package dev.portico.e2e;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import dev.portico.launcher.DemoLogins;
import dev.portico.launcher.Suite;
import dev.portico.launcher.otp.Totp;
import dev.portico.test.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web app in a real browser (Debian's Chromium, driven by Playwright), each journey
 * from the login page, through the gateway of the whole suite with its demo data.
 * Screenshots of every page go to {@code web/target/screenshots/}.
 * <p>
 * Chromium comes from apt ({@code .ci/run} installs it); Playwright never downloads a
 * browser. Without Chromium these journeys are skipped, unless
 * {@code PORTICO_REQUIRE_BROWSER=1} (set by CI) makes that a failure.
 */
@ExtendWith(E2eSuite.class)
class WebJourneysIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
		playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		// No background traffic: this machine's network is closed, and Chromium would
		// keep trying.
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
		this.context = browser.newContext(
				new Browser.NewContextOptions().setViewportSize(1280, 800).setLocale("en-US").setAcceptDownloads(true));
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

	/**
	 * The overview subscribes to the account's balance stream: a payment made elsewhere
	 * (here through the API, as the mobile app would) changes Balance and Due on the open
	 * page, without a reload.
	 */
	@Test
	void theOverviewsBalanceChangesInPlaceWhenAPaymentLands() throws Exception {
		logIn("alice", "Alice#2026");
		// The stream's first event is the current balance: once it is in place, the page
		// is listening.
		assertThat(this.page.locator("#balance .amount[data-live]")).isVisible();
		String before = this.page.locator("#balance .amount").textContent();
		this.page.evaluate("() => { window.notReloaded = true; }");

		String account = aliceAccount();
		JsonNode methods = JSON.readTree(asAlice("/api/accounts/" + account + "/payment-methods"));
		assertThat(methods.size()).as("alice has a saved card in the demo data").isPositive();
		HttpResponse<String> paid = LocalServer.at(suite.gatewayUrl())
			.send(HttpRequest.newBuilder(suite.gatewayUrl().resolve("/api/accounts/" + account + "/payments"))
				.header("Authorization", "Bearer " + aliceToken())
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"1.00\",\"currency\":\"USD\","
						+ "\"paymentMethodId\":\"" + methods.get(0).path("paymentMethodId").asString() + "\"}")));
		assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);

		assertThat(this.page.locator("#balance .amount")).not().hasText(before);
		assertThat(this.page.evaluate("() => window.notReloaded === true")).isEqualTo(true);
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

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log Out")).click();
		this.page.waitForURL((url) -> url.contains("/realms/portal/"));
		assertThat(this.page.locator("#username")).isVisible();

		this.page.goBack();
		this.page.waitForLoadState(LoadState.LOAD);
		assertThat(this.page.locator("body")).not().containsText("Northwind Holdings");
		assertThat(this.page.locator("#balance")).hasCount(0);

		// And the old session is really gone: the portal asks for a login again.
		this.page.navigate(suite.gatewayUrl() + "/");
		assertThat(this.page.locator("#username")).isVisible();
	}

	@Test
	void loggingOutInOneTabEndsTheLiveBalanceOfTheOthers() throws Exception {
		double before = openBalanceStreams();
		logIn("alice", "Alice#2026");
		Page other = this.page.context().newPage();
		other.navigate(suite.gatewayUrl() + "/");
		assertThat(other.locator("#balance")).isVisible();
		await().atMost(Duration.ofSeconds(10)).until(() -> openBalanceStreams() >= before + 2);

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log Out")).click();
		this.page.waitForURL((url) -> url.contains("/realms/portal/"));
		// The other tab's stream, and the web app's stream to the API behind it, end with
		// the session: account-service notices the closed connection at its next
		// heartbeat (15 s), long before the token would expire (5 min).
		await().atMost(Duration.ofSeconds(40)).until(() -> openBalanceStreams() <= before);
		other.close();
	}

	/** account-service's count of open balance streams, from its metrics. */
	private static double openBalanceStreams() throws Exception {
		HttpResponse<String> metrics = LocalServer.at(suite.serviceUrl("account-service")).get("/actuator/prometheus");
		Matcher open = Pattern.compile("(?m)^portico_balance_streams_open(?:\\{[^}]*\\})? ([0-9.eE+-]+)$")
			.matcher(metrics.body());
		return open.find() ? Double.parseDouble(open.group(1)) : 0;
	}

	@Test
	void aliceSortsHerInvoicesByDueDateAndTheSortSurvivesAReload() throws Exception {
		logIn("alice", "Alice#2026");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Invoices").setExact(true)).click();
		assertThat(this.page.locator("h1")).hasText("Invoices");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("All").setExact(true)).click();

		this.page.locator("thead th", new Page.LocatorOptions().setHasText("Due date"))
			.getByRole(AriaRole.LINK)
			.click();
		this.page.waitForURL((url) -> url.contains("sort=dueDate,desc") || url.contains("sort=dueDate%2Cdesc"));
		List<String> shown = this.page.locator("tbody th").allTextContents();

		JsonNode api = JSON
			.readTree(asAlice("/api/accounts/" + aliceAccount() + "/invoices?status=all&sort=dueDate,desc&size=20"));
		List<String> expected = new ArrayList<>();
		api.path("content").forEach((invoice) -> expected.add(invoice.path("number").asString()));
		assertThat(expected).hasSizeGreaterThan(1);
		assertThat(shown).containsExactlyElementsOf(expected);
		assertThat(this.page.locator("th[aria-sort=descending]")).containsText("Due date");

		this.page.reload();
		assertThat(this.page.locator("tbody th").allTextContents()).containsExactlyElementsOf(expected);
		assertThat(this.page.locator("th[aria-sort=descending]")).containsText("Due date");
		screenshot("invoices");
	}

	@Test
	void aliceOpensAPastUsagePeriodAndDownloadsItsCsv() throws IOException {
		logIn("alice", "Alice#2026");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Usage").setExact(true)).click();
		assertThat(this.page.locator("h1")).hasText("Usage");
		assertThat(this.page.locator("#period option[selected]")).containsText("(current)");
		assertThat(this.page.locator("#usage-rows tbody tr").first()).isVisible();
		assertThat(this.page.locator("svg.bars").first()).isVisible();
		// The bars of a chart are one path of rectangles; a chart of a period with usage
		// draws some.
		assertThat(this.page.locator("svg.bars path").first()).hasAttribute("d", Pattern.compile("^M"));
		screenshot("usage");

		String previous = this.page.locator("#period option").nth(1).getAttribute("value");
		this.page.locator("#period").selectOption(previous);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
		this.page.waitForURL((url) -> url.contains("period=" + previous));
		assertThat(this.page.locator("#period option[selected]")).hasAttribute("value", previous);
		assertThat(this.page.locator("#usage-rows tbody tr").first()).isVisible();

		Download csv = this.page.waitForDownload(() -> this.page.getByText("Download CSV").click());
		assertThat(csv.suggestedFilename()).endsWith("-" + previous + ".csv");
		String text = Files.readString(csv.path());
		assertThat(text.lines().findFirst()).hasValueSatisfying((header) -> assertThat(header).contains("product"));
		assertThat(text.lines().count()).isEqualTo(1 + this.page.locator("#usage-rows tbody tr").count());
	}

	@Test
	void aliceChangesToAChildAccountHerAccountIsInvoicedForAndSeesTheNote() {
		logIn("alice", "Alice#2026");
		Locator opener = this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change Account"));
		opener.click();
		Locator dialog = this.page.locator("dialog[open]");
		assertThat(dialog).isVisible();
		assertThat(dialog.locator("h1")).hasText("Change Account");
		assertThat(dialog.getByLabel("Search by name or account number")).isFocused();
		// Escape closes the dialog and gives the focus back to what opened it.
		this.page.keyboard().press("Escape");
		assertThat(this.page.locator("dialog[open]")).hasCount(0);
		assertThat(opener).isFocused();

		opener.click();
		dialog.getByLabel("Search by name or account number").fill("northwind r");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Search")).click();
		assertThat(dialog.locator(".accounts li")).hasCount(1);
		screenshot("change-account");

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch to Northwind Retail")).click();

		assertThat(this.page.locator("h1")).hasText("Overview");
		assertThat(this.page.locator(".current-account")).containsText("Northwind Retail");
		assertThat(this.page.locator(".notice")).containsText("Invoiced to Northwind Holdings");
		screenshot("overview-child");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Profile").setExact(true)).click();
		assertThat(this.page.locator("tbody")).containsText("Store Broadband");

		// Every page now shows the child: its invoices are its parent's, so it has none
		// of its own.
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Invoices").setExact(true)).click();
		assertThat(this.page.locator(".current-account")).containsText("Northwind Retail");
	}

	@Test
	void aliceEditsHerBillingAddressWithOneInvalidFieldAndSeesTheErrorBesideIt() {
		logIn("alice", "Alice#2026");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Profile").setExact(true)).click();
		assertThat(this.page.locator("h1")).hasText("Profile");
		assertThat(this.page.locator("#packages-heading")).isVisible();
		String city = this.page.getByLabel("City").inputValue();

		this.page.getByLabel("City").fill("Redmond");
		this.page.getByLabel("Country (two-letter code, e.g. US)").fill("XX");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();

		assertThat(this.page.locator(".error-summary").first()).isVisible();
		assertThat(this.page.locator("#country")).hasAttribute("aria-invalid", "true");
		assertThat(this.page.locator("#country-error")).isVisible();
		assertThat(this.page.getByLabel("City")).hasValue("Redmond");
		assertThat(this.page.locator("#city")).not().hasAttribute("aria-invalid", "true");
		screenshot("profile-invalid");

		// Nothing of the rejected form was saved.
		this.page.navigate(suite.gatewayUrl() + "/profile");
		assertThat(this.page.getByLabel("City")).hasValue(city);
	}

	@Test
	void alicePaysHerOldestOpenInvoicesWithHerCardOnceEvenWhenSheClicksTwice() throws Exception {
		long paymentsBefore = payments();
		logIn("alice", "Alice#2026");
		BigDecimal before = amount(this.page.locator("#balance .amount").textContent());

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Make Payment")).click();
		assertThat(this.page.locator("h1")).hasText("Make Payment");
		this.page.getByLabel("Amount (USD)").fill("10.00");
		this.page.getByLabel(Pattern.compile("ending 4242")).check();
		screenshot("payment");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Review payment")).click();
		assertThat(this.page.locator("h1")).hasText("Confirm payment");
		assertThat(this.page.locator(".summary")).containsText("Your oldest open invoices first");
		screenshot("payment-confirm");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay $10.00"))
			.dblclick(new Locator.DblclickOptions().setNoWaitAfter(true));

		assertThat(this.page.locator("h1")).hasText("Payment received");
		assertThat(this.page.locator(".allocations")).isVisible();
		screenshot("payment-outcome");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the overview")).click();
		assertThat(this.page.locator("#balance .amount")).hasText(money(before.subtract(new BigDecimal("10.00"))));
		assertThat(payments()).as("one payment for two clicks").isEqualTo(paymentsBefore + 1);
	}

	@Test
	void alicePaysASelectedInvoiceAndItComesFirst() {
		logIn("alice", "Alice#2026");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Invoices").setExact(true)).click();
		Locator pay = this.page.locator("a.pay").last();
		String number = pay.textContent().replace("Pay ", "").strip();
		pay.click();
		assertThat(this.page.locator(".subtitle")).containsText(number);
		this.page.getByLabel("Amount (USD)").fill("5.00");
		this.page.getByLabel(Pattern.compile("ending 4242")).check();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Review payment")).click();
		assertThat(this.page.locator(".summary")).containsText("Invoice " + number + " first");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay $5.00")).click();

		assertThat(this.page.locator("h1")).hasText("Payment received");
		assertThat(this.page.locator(".allocations")).containsText("$5.00 to invoice " + number);
	}

	@Test
	void aDeclinedCardShowsTheReasonAndChangesNothing() throws Exception {
		long paymentsBefore = payments();
		List<String> postedToThePortal = cardFormsPosted();
		logIn("alice", "Alice#2026");
		String before = this.page.locator("#balance .amount").textContent();
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Make Payment")).click();
		this.page.getByLabel("Amount (USD)").fill("12.00");
		this.page.getByLabel("A new card").check();
		this.page.getByLabel("Card number").fill("4000000000000002");
		this.page.getByLabel("Expiry month").fill("12");
		this.page.getByLabel("Expiry year").fill(String.valueOf(Year.now().getValue() + 2));
		this.page.getByLabel("Security code").fill("123");
		this.page.getByLabel("Name on the card").fill("Alice Martin");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Review payment")).click();
		assertThat(this.page.locator(".summary")).containsText("ending 0002");
		assertThat(this.page.locator("body")).not().containsText("4000000000000002");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay $12.00")).click();

		assertThat(this.page.locator("h1")).hasText("Payment declined");
		assertThat(this.page.locator("[role=status]")).containsText("Your card was declined.");
		assertThat(this.page.locator("[role=status]")).containsText("Nothing was charged.");
		assertThat(this.page.locator("#balance .amount")).hasText(before);
		screenshot("payment-declined");
		assertThat(payments()).as("recorded as FAILED").isEqualTo(paymentsBefore + 1);
		assertThat(postedToThePortal).as("what the browser posted to the portal itself")
			.anyMatch((body) -> body.contains("processorToken=pm_sim_"))
			.noneMatch((body) -> body.contains("4000000000000002") || body.contains("cvc"));
	}

	@Test
	void aCardWhoseBankAsksForConfirmationIsPaidOnceAliceConfirms() {
		logIn("alice", "Alice#2026");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Make Payment")).click();
		this.page.getByLabel("Amount (USD)").fill("3.00");
		this.page.getByLabel("A new card").check();
		this.page.getByLabel("Card number").fill("4000002500003155");
		this.page.getByLabel("Expiry month").fill("12");
		this.page.getByLabel("Expiry year").fill(String.valueOf(Year.now().getValue() + 2));
		this.page.getByLabel("Security code").fill("123");
		this.page.getByLabel("Name on the card").fill("Alice Martin");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Review payment")).click();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay $3.00")).click();

		assertThat(this.page.locator("h1")).hasText("Payment pending");
		assertThat(this.page.locator("#bank-heading")).hasText("Confirm with your bank");
		screenshot("payment-confirm-with-bank");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm with my bank")).click();

		assertThat(this.page.locator("h1")).hasText("Payment received");
		assertThat(this.page.locator(".bank-confirmation")).hasCount(0);
	}

	/**
	 * The bodies the browser posts to the portal's own pages (not to the processor's card
	 * form).
	 */
	private List<String> cardFormsPosted() {
		List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.page.onRequest((request) -> {
			if ("POST".equals(request.method()) && !request.url().contains("/api/payment-simulator/")
					&& request.postData() != null) {
				posted.add(request.postData());
			}
		});
		return posted;
	}

	@Test
	void aliceAddsACardWithFieldErrorsFirstThenMakesItDefaultAndRemovesIt() {
		logIn("alice", "Alice#2026");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Payment methods")).click();
		assertThat(this.page.locator("h1")).hasText("Payment methods");
		int before = this.page.locator(".method").count();

		this.page.getByLabel("Card number").fill("4242424242424241");
		this.page.getByLabel("Expiry month").fill("13");
		this.page.getByLabel("Expiry year").fill(String.valueOf(Year.now().getValue() + 2));
		this.page.getByLabel("Security code").fill("12");
		this.page.getByLabel("Name on the card").fill("Alice Martin");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save card")).click();
		assertThat(this.page.locator("#cardNumber")).hasAttribute("aria-invalid", "true");
		assertThat(this.page.locator("#cvc-error")).isVisible();
		assertThat(this.page.locator("body")).not().containsText("4242424242424241");
		screenshot("payment-methods-invalid");

		this.page.getByLabel("Card number").fill("5555555555554444");
		this.page.getByLabel("Expiry month").fill("11");
		this.page.getByLabel("Security code").fill("123");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save card")).click();
		assertThat(this.page.locator("[role=status]")).containsText("The card was saved.");
		assertThat(this.page.locator(".method")).hasCount(before + 1);

		this.page
			.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make the card ending 4444 the default"))
			.click();
		assertThat(this.page.locator(".method", new Page.LocatorOptions().setHasText("ending 4444")))
			.containsText("default");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove the card ending 4444"))
			.click();
		assertThat(this.page.locator(".method")).hasCount(before);
	}

	/**
	 * "Forgot Password?" on the themed sign-in page leads to the portal's own page: the
	 * reset mail reaches the mail catcher, its link opens the portal's reset page, which
	 * refuses a leaked password and takes a strong one, and the new password signs in.
	 * Keycloak's own reset is off, so no password escapes the portal's check. A user of
	 * its own, so alice's password stays.
	 */
	@Test
	void aCustomerWhoForgotHisPasswordResetsItByMailAndLogsInWithTheNewOne() throws Exception {
		String user = "forgetful-" + UUID.randomUUID().toString().substring(0, 6);
		String email = user + "@portico.example";
		provision(user, "Forgot#this-2026");

		this.page.navigate(suite.gatewayUrl() + "/");
		this.page.waitForURL((url) -> url.contains("/realms/portal/"));
		assertThat(this.page.locator("link[href*='portico.css']")).hasCount(1);
		screenshot("login");
		this.page.getByText("Forgot Password?").click();
		this.page.waitForURL(suite.gatewayUrl() + "/forgot-password");
		this.page.locator("#usernameOrEmail").fill(user);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the link")).click();
		assertThat(this.page.locator("p.success[role=status]")).containsText("If a user with that name");
		screenshot("forgot-password");

		String link = resetLink(email);
		this.page.navigate(link);
		this.page.locator("#newPassword").fill("Password123!");
		this.page.locator("#confirmPassword").fill("Password123!");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set the new password")).click();
		assertThat(this.page.locator("#newPassword-error")).containsText("easy to guess");
		screenshot("reset-password-refused");
		this.page.locator("#newPassword").fill("Quiet-lantern-harbour-71");
		this.page.locator("#confirmPassword").fill("Quiet-lantern-harbour-71");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set the new password")).click();
		assertThat(this.page.locator("p.success[role=status]")).containsText("Your password is set");

		// The link works once.
		this.page.navigate(link);
		this.page.locator("#newPassword").fill("Another-quiet-harbour-72");
		this.page.locator("#confirmPassword").fill("Another-quiet-harbour-72");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set the new password")).click();
		assertThat(this.page.locator("#token-error")).containsText("invalid, expired or already used");

		// Keycloak's own reset page, which would take a password past the portal's check,
		// is switched off.
		this.page.navigate(suite.issuerUri() + "/login-actions/reset-credentials?client_id=portico-web");
		assertThat(this.page.locator("#username")).hasCount(0);

		logIn(user, "Quiet-lantern-harbour-71");
		assertThat(this.page.locator(".current-account")).containsText("Northwind Holdings");
	}

	@Test
	void aCustomerTurnsOnTwoStepSignInFromTheProfileAndThenSignsInWithACode() throws Exception {
		String user = "careful-" + UUID.randomUUID().toString().substring(0, 6);
		String password = "Careful#Signin-2026";
		provision(user, password);
		logIn(user, password);

		this.page.navigate(suite.gatewayUrl() + "/profile");
		assertThat(this.page.locator("#two-step-heading")).isVisible();
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Set up an authenticator app")).click();
		// Keycloak's own page shows the key; the portal never sees it.
		this.page.waitForURL((url) -> url.contains("/realms/portal/"));
		this.page.locator("#mode-manual").click();
		Totp authenticator = Totp.ofBase32(this.page.locator("#kc-totp-secret-key").innerText());
		screenshot("two-step-setup");
		this.page.locator("#totp").fill(authenticator.freshCode());
		this.page.locator("#userLabel").fill("phone");
		this.page.locator("#saveTOTPBtn").click();
		this.page.waitForURL((url) -> url.startsWith(suite.gatewayUrl() + "/profile"));
		assertThat(this.page.locator("section[aria-labelledby=two-step-heading]"))
			.containsText("each sign-in asks for your password and the code");
		screenshot("two-step-on");

		// The API login asks for the code too.
		HttpResponse<String> passwordOnly = LocalServer.at(suite.gatewayUrl())
			.postJson("/api/auth/login", JSON.writeValueAsString(Map.of("username", user, "password", password)));
		assertThat(passwordOnly.statusCode()).isEqualTo(401);

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log Out")).click();
		this.page.waitForURL((url) -> url.contains("/realms/portal/"));
		this.page.locator("#username").fill(user);
		this.page.locator("#password").fill(password);
		this.page.locator("#kc-login").click();
		this.page.locator("#otp").fill(authenticator.wrongCode());
		this.page.locator("#kc-login").click();
		assertThat(this.page.locator("body")).containsText("Invalid");
		this.page.locator("#otp").fill(authenticator.freshCode());
		this.page.locator("#kc-login").click();
		this.page.waitForURL((url) -> url.startsWith(suite.gatewayUrl().toString()));
		assertThat(this.page.locator("#balance")).isVisible();

		this.page.navigate(suite.gatewayUrl() + "/profile");
		this.page.locator("#twoStepPassword").fill(password);
		this.page.locator("#twoStepOtp").fill(authenticator.wrongCode());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn off two-step sign-in")).click();
		assertThat(this.page.locator("#twoStepPassword-error")).containsText("not right");
		this.page.locator("#twoStepPassword").fill(password);
		this.page.locator("#twoStepOtp").fill(authenticator.freshCode());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn off two-step sign-in")).click();
		assertThat(this.page.locator("p.success[role=status]")).containsText("Two-step sign-in is off");
		assertThat(LocalServer.at(suite.gatewayUrl())
			.postJson("/api/auth/login", JSON.writeValueAsString(Map.of("username", user, "password", password)))
			.statusCode()).isEqualTo(200);
	}

	/**
	 * A customer of alice's account with a working password, made through the ops API.
	 */
	private static void provision(String user, String password) throws Exception {
		HttpResponse<String> created = LocalServer.at(suite.gatewayUrl())
			.send(HttpRequest.newBuilder(suite.gatewayUrl().resolve("/api/auth/users"))
				.header("Authorization", "Bearer " + login("ops", "Ops#2026"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", user, "email",
						user + "@portico.example", "accountId", aliceAccount(), "password", password)))));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	/**
	 * The reset link of the newest mail to {@code email}, as the mail catcher received
	 * it.
	 */
	private static String resetLink(String email) {
		Pattern link = Pattern.compile("(" + Pattern.quote(suite.gatewayUrl() + "/reset-password?token=") + "\\S+)");
		return await("a reset mail to " + email).atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> resetLinkIn(JSON.readTree(HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(suite.mailApiUrl()).build(), HttpResponse.BodyHandlers.ofString())
				.body()), email, link), Optional::isPresent)
			.get();
	}

	private static Optional<String> resetLinkIn(JsonNode mails, String email, Pattern link) {
		for (JsonNode mail : mails) {
			if (mail.path("to").toString().contains(email)) {
				Matcher matcher = link.matcher(mail.path("body").asString());
				if (matcher.find()) {
					return Optional.of(matcher.group(1).replace("&amp;", "&"));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * axe-core (Deque's engine, bundled in its jar; nothing is downloaded) finds no WCAG
	 * 2.2 A/AA violation on any page, at desktop and at phone width, in light mode.
	 */
	@Test
	void everyPageHasNoAccessibilityViolations() {
		logIn("alice", "Alice#2026");
		List<String> violations = new ArrayList<>();
		for (String path : List.of("/", "/invoices", "/payments/new", "/payment-methods", "/usage", "/profile",
				"/accounts", "/forgot-password", "/reset-password")) {
			for (int width : new int[] { 1280, 360 }) {
				this.page.setViewportSize(width, 800);
				this.page.navigate(suite.gatewayUrl() + path);
				AxeResults results = new AxeBuilder(this.page)
					.withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
					.analyze();
				assertThat(results.getPasses()).as("axe ran its rules on " + path).isNotEmpty();
				results.getViolations()
					.forEach((rule) -> violations.add(path + " @" + width + "px: " + rule.getId() + " ("
							+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList() + ")"));
			}
		}
		this.page.setViewportSize(1280, 800);
		assertThat(violations).isEmpty();
	}

	@Test
	void bobSeesHisOwnAccountOnly() {
		logIn("bob", "Bob#2026");

		assertThat(this.page.locator(".current-account")).not().containsText("Northwind");
		assertThat(this.page.locator("#balance")).isVisible();
		assertThat(this.page.getByText("Change Account")).hasCount(0);
		assertThat(this.page.getByText("Make Payment")).hasCount(0);
		assertThat(this.page.getByText("Payment methods")).hasCount(0);
		this.page.navigate(suite.gatewayUrl() + "/payments/new");
		assertThat(this.page.locator("[role=alert]")).containsText("Payments are not available");
		screenshot("overview-bob");
	}

	/** How many payments alice's account has, as the API counts them. */
	private static long payments() throws Exception {
		return JSON.readTree(asAlice("/api/accounts/" + aliceAccount() + "/payments?size=1"))
			.path("page")
			.path("totalElements")
			.asLong();
	}

	private static BigDecimal amount(String shown) {
		return new BigDecimal(shown.replaceAll("[^0-9.]", ""));
	}

	private static String money(BigDecimal amount) {
		return NumberFormat.getCurrencyInstance(Locale.US).format(amount);
	}

	private static String aliceToken() throws Exception {
		return login("alice", "Alice#2026");
	}

	private static String login(String user, String password) throws Exception {
		HttpResponse<String> login = LocalServer.at(suite.gatewayUrl())
			.postJson("/api/auth/login", DemoLogins.loginJson(user, password));
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		return JSON.readTree(login.body()).path("accessToken").asString();
	}

	/**
	 * A GET of the API through the gateway with alice's token, for what the page should
	 * show.
	 */
	private static String asAlice(String path) throws Exception {
		HttpResponse<String> response = LocalServer.at(suite.gatewayUrl())
			.get(path, "Authorization", "Bearer " + aliceToken());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static String aliceAccount() throws Exception {
		return JSON.readTree(asAlice("/api/auth/me")).path("accountId").asString();
	}

	/**
	 * From the portal's address to Keycloak's login page and back, as a customer does it.
	 */
	private void logIn(String username, String password) {
		this.page.navigate(suite.gatewayUrl() + "/");
		this.page.waitForURL((url) -> url.contains("/realms/portal/"));
		this.page.locator("#username").fill(username);
		this.page.locator("#password").fill(password);
		this.page.locator("#kc-login").click();
		this.page.waitForURL((url) -> url.startsWith(suite.gatewayUrl().toString()));
		this.page.waitForLoadState(LoadState.LOAD);
	}

	/** The page at desktop width, then at a 360 px phone's, then back. */
	private void screenshot(String name) {
		this.page.screenshot(
				new Page.ScreenshotOptions().setPath(screenshots.resolve(name + "-desktop.png")).setFullPage(true));
		this.page.setViewportSize(360, 740);
		this.page.screenshot(
				new Page.ScreenshotOptions().setPath(screenshots.resolve(name + "-phone.png")).setFullPage(true));
		this.page.setViewportSize(1280, 800);
	}

}
