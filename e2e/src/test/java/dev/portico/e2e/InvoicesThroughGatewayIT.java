package dev.portico.e2e;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.launcher.DemoLogins;
import dev.portico.launcher.Suite;
import dev.portico.test.ApiClient;
import dev.portico.test.LocalServer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static dev.portico.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Invoices across the suite, as alice and ops see them through the gateway on the demo
 * data: invoice-service asks account-service who pays, its events reach account-service's
 * overview, and the PDFs are real documents.
 */
@ExtendWith(E2eSuite.class)
class InvoicesThroughGatewayIT {

	private static ApiClient alice;

	private static ApiClient ops;

	private static UUID holdings;

	@BeforeAll
	static void logIn() {
		Suite suite = E2eSuite.suite();
		LocalServer gateway = LocalServer.at(suite.gatewayUrl());
		ApiClient anonymous = new ApiClient(gateway, null);
		alice = anonymous.as(login(anonymous, "alice", "Alice#2026"));
		ops = anonymous.as(login(anonymous, "ops", "Ops#2026"));
		holdings = UUID.fromString(json(alice.get("/api/auth/me")).path("accountId").asString());
	}

	@Test
	void overviewAddsUpTheOpenInvoicesAndNamesTheLatest() {
		// Read both until they agree: the demo's payment may still be on its way through
		// Kafka.
		Totals totals = await().atMost(Duration.ofSeconds(20)).until(InvoicesThroughGatewayIT::totals, Totals::agree);

		assertThat(totals.invoices()).isGreaterThanOrEqualTo(4);
		assertThat(totals.due()).isPositive().isLessThan(totals.open());
		JsonNode latest = json(alice.get("/api/accounts/" + holdings + "/invoices?sort=issueDate,desc&size=1"));
		assertThat(totals.overview().path("latestInvoice").path("number").asString())
			.isEqualTo(latest.path("content").get(0).path("number").asString());
	}

	private static Totals totals() {
		JsonNode invoices = json(alice.get("/api/accounts/" + holdings + "/invoices?size=200"));
		JsonNode overview = json(alice.get("/api/accounts/" + holdings + "/overview"));
		BigDecimal open = BigDecimal.ZERO;
		BigDecimal due = BigDecimal.ZERO;
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		for (JsonNode invoice : invoices.path("content")) {
			open = open.add(new BigDecimal(invoice.path("balance").asString()));
			if (!LocalDate.parse(invoice.path("dueDate").asString()).isAfter(today)) {
				due = due.add(new BigDecimal(invoice.path("balance").asString()));
			}
		}
		return new Totals(invoices.path("page").path("totalElements").asInt(), open, due, overview);
	}

	/**
	 * The open invoices as listed by invoice-service, and the overview account-service
	 * answers from its projection.
	 */
	record Totals(int invoices, BigDecimal open, BigDecimal due, JsonNode overview) {

		boolean agree() {
			return !this.overview.path("latestInvoice").isNull()
					&& new BigDecimal(this.overview.path("balance").asString()).compareTo(this.open) == 0
					&& new BigDecimal(this.overview.path("due").asString()).compareTo(this.due) == 0;
		}

	}

	@Test
	void aChildInvoicedByItsParentHasNoInvoicesOfItsOwnAndItsChargesAreOnTheParents() {
		UUID retail = child("Northwind Retail");
		assertThat(json(alice.get("/api/accounts/" + retail + "/overview")).path("invoicedByParent").asBoolean())
			.isTrue();
		assertThat(json(alice.get("/api/accounts/" + retail + "/invoices?status=all")).path("content")).isEmpty();

		String invoiceId = json(alice.get("/api/accounts/" + holdings + "/invoices")).path("content")
			.get(0)
			.path("invoiceId")
			.asString();
		JsonNode invoice = json(alice.get("/api/accounts/" + holdings + "/invoices/" + invoiceId));
		String retailNumber = json(alice.get("/api/accounts/" + retail)).path("accountNumber").asString();
		assertThat(invoice.path("lines").findValuesAsString("chargedAccountNumber")).contains(retailNumber);
	}

	@Test
	void latestInvoicePdfIsARealDocumentRevalidatedWithItsTag() throws Exception {
		HttpResponse<byte[]> pdf = alice.getBytes("/api/accounts/" + holdings + "/invoices/latest/pdf");

		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		String number = json(alice.get("/api/accounts/" + holdings + "/overview")).path("latestInvoice")
			.path("number")
			.asString();
		try (PDDocument document = Loader.loadPDF(pdf.body())) {
			assertThat(new PDFTextStripper().getText(document)).contains(number, "Northwind Holdings",
					"500 Pine Street");
		}
		HttpResponse<byte[]> again = alice.getBytes("/api/accounts/" + holdings + "/invoices/latest/pdf",
				"If-None-Match", pdf.headers().firstValue("ETag").orElseThrow());
		assertThat(again.statusCode()).isEqualTo(304);
	}

	@Test
	void anIssuedInvoiceReachesTheOverviewWithinSeconds() {
		UUID online = child("Northwind Online");
		BigDecimal before = new BigDecimal(
				json(alice.get("/api/accounts/" + online + "/overview")).path("balance").asString());
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		HttpResponse<String> issued = ops.post("/api/invoices",
				Map.of("accountId", online.toString(), "issueDate", today.toString(), "dueDate",
						today.plusDays(30).toString(), "periodStart", today.minusMonths(1).toString(), "periodEnd",
						today.minusDays(1).toString(), "currency", "USD", "lines", List.of(Map.of("description",
								"Cloud Hosting", "product", "Cloud Hosting", "quantity", "1", "unitPrice", "275.00"))));
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> new BigDecimal(
					json(alice.get("/api/accounts/" + online + "/overview")).path("balance").asString()),
					(balance) -> balance.compareTo(before.add(new BigDecimal("275.00"))) == 0);
		assertThat(alice.post("/api/invoices", "{}").statusCode()).isEqualTo(403);
	}

	private static UUID child(String name) {
		JsonNode page = json(alice.get("/api/accounts/" + holdings + "/children?q=" + name.replace(" ", "%20")));
		return UUID.fromString(page.path("content").get(0).path("accountId").asString());
	}

	private static String login(ApiClient anonymous, String username, String password) {
		HttpResponse<String> response = anonymous.post("/api/auth/login", DemoLogins.loginBody(username, password));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).path("accessToken").asString();
	}

}
