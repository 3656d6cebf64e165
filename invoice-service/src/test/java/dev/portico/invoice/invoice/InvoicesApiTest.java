package dev.portico.invoice.invoice;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import dev.portico.invoice.testing.InvoiceApiTest;
import dev.portico.test.ApiClient;
import dev.portico.test.TestTokens;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.portico.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issuing, listing, reading and downloading invoices through the HTTP API, as ops and as
 * customers.
 */
class InvoicesApiTest extends InvoiceApiTest {

	private UUID holdings;

	private UUID retail;

	private UUID logistics;

	private ApiClient alice;

	@BeforeEach
	void hierarchy() {
		this.holdings = this.accounts.root("Northwind Holdings", "USD");
		this.retail = this.accounts.child(this.holdings, "Northwind Retail", true);
		this.logistics = this.accounts.child(this.holdings, "Northwind Logistics", false);
		this.alice = as(TestTokens.customer(this.holdings));
	}

	@Test
	void issuedInvoiceHasComputedSumsAGaplessNumberAndALocation() {
		HttpResponse<String> response = this.ops.post("/api/invoices",
				invoice(this.holdings, "2026-11-01", "2026-11-15", line("Fibre 500", "2", "39.99"),
						line("Static IP", "1", "5.00"))
					.with("taxRate", "0.0825"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode invoice = json(response);
		assertThat(invoice.path("number").asString()).matches("INV-2026-\\d{6}");
		assertThat(invoice.path("subtotal").asString()).isEqualTo("84.98");
		assertThat(invoice.path("tax").asString()).isEqualTo("7.01");
		assertThat(invoice.path("total").asString()).isEqualTo("91.99");
		assertThat(invoice.path("balance").asString()).isEqualTo("91.99");
		assertThat(invoice.path("status").asString()).isEqualTo("OPEN");
		assertThat(response.headers().firstValue("Location"))
			.hasValue("/api/accounts/" + this.holdings + "/invoices/" + invoice.path("invoiceId").asString());

		HttpResponse<String> next = this.ops.post("/api/invoices",
				invoice(this.holdings, "2026-12-01", "2026-12-15", line("Fibre 500", "1", "39.99")));
		long first = Long.parseLong(invoice.path("number").asString().substring(9));
		assertThat(json(next).path("number").asString()).isEqualTo(String.format("INV-2026-%06d", first + 1));
	}

	@Test
	void childInvoicedByItsParentHasItsChargesOnTheParentsInvoice() {
		HttpResponse<String> response = this.ops.post("/api/invoices",
				invoice(this.retail, "2026-11-01", "2026-11-15", line("POS terminal", "3", "12.50")));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode invoice = json(response);
		assertThat(invoice.path("accountId").asString()).isEqualTo(this.holdings.toString());
		assertThat(invoice.path("lines").get(0).path("chargedAccountNumber").asString())
			.isEqualTo(this.accounts.number(this.retail));
		assertThat(invoice.path("billTo").path("name").asString()).isEqualTo("Northwind Holdings");
		assertThat(json(this.alice.get("/api/accounts/" + this.retail + "/invoices")).path("content")).isEmpty();
		assertThat(json(this.alice.get("/api/accounts/" + this.holdings + "/invoices")).path("content")
			.findValuesAsString("number")).contains(invoice.path("number").asString());
	}

	@Test
	void linesMayNameOtherAccountsInvoicedToTheSamePayerButNoOthers() {
		Body body = invoice(this.holdings, "2026-11-01", "2026-11-15", line("Fibre", "1", "10.00"),
				line("POS", "1", "5.00").with("chargedAccountId", this.retail.toString()),
				line("Fleet", "1", "7.00").with("chargedAccountId", this.logistics.toString()));

		HttpResponse<String> response = this.ops.post("/api/invoices", body);

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).path("errors").findValuesAsString("field"))
			.containsExactly("lines[2].chargedAccountId");
	}

	@Test
	void inconsistentInvoicesAreRefusedWithEveryFieldAtFault() {
		Body body = invoice(this.holdings, "2026-11-15", "2026-11-01",
				line("Fibre", "2", "10.00").with("amount", "21.00"))
			.with("currency", "EUR")
			.with("subtotal", "20.00")
			.with("total", "99.00");

		HttpResponse<String> response = this.ops.post("/api/invoices", body);

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).path("errors").findValuesAsString("field")).contains("dueDate", "currency",
				"lines[0].amount");
		HttpResponse<String> sums = this.ops.post("/api/invoices",
				invoice(this.holdings, "2026-11-01", "2026-11-15", line("Fibre", "2", "10.00"))
					.with("subtotal", "19.99")
					.with("taxRate", "0.1")
					.with("tax", "3.00"));
		assertThat(json(sums).path("errors").findValuesAsString("field")).containsExactly("subtotal", "tax");
		assertThat(this.ops
			.post("/api/invoices", invoice(UUID.randomUUID(), "2026-11-01", "2026-11-15", line("Fibre", "1", "1")))
			.statusCode()).isEqualTo(422);
		assertThat(this.ops.post("/api/invoices", "{\"accountId\": 42}").statusCode()).isEqualTo(400);
	}

	@Test
	void atMostOneThousandLines() {
		Body[] lines = new Body[1001];
		java.util.Arrays.fill(lines, line("Call", "1", "0.10"));

		HttpResponse<String> response = this.ops.post("/api/invoices",
				invoice(this.holdings, "2026-11-01", "2026-11-15", lines));

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).path("errors").findValuesAsString("field")).containsExactly("lines");
	}

	@Test
	void customersMayNotIssueInvoicesWhateverTheyPost() {
		assertThat(this.alice.post("/api/invoices", "{}").statusCode()).isEqualTo(403);
		assertThat(this.alice
			.post("/api/invoices", invoice(this.holdings, "2026-11-01", "2026-11-15", line("Fibre", "1", "1")))
			.statusCode()).isEqualTo(403);
	}

	@Test
	void listIsSortedByAWhitelistWithNumberBreakingTies() {
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			numbers.add(issue(this.holdings, "2026-10-01", "2026-10-20", "10.00"));
		}
		String early = issue(this.holdings, "2026-10-01", "2026-10-10", "99.00");
		String base = "/api/accounts/" + this.holdings + "/invoices";

		JsonNode byDue = json(this.alice.get(base + "?sort=dueDate,asc&size=4"));
		assertThat(byDue.path("content").findValuesAsString("number")).containsExactly(early, numbers.get(0),
				numbers.get(1), numbers.get(2));
		assertThat(byDue.path("page").path("totalElements").asLong()).isEqualTo(6);
		assertThat(byDue.path("page").path("totalPages").asInt()).isEqualTo(2);
		JsonNode lastPage = json(this.alice.get(base + "?sort=dueDate,asc&size=4&page=1"));
		assertThat(lastPage.path("content").findValuesAsString("number")).containsExactly(numbers.get(3),
				numbers.get(4));
		assertThat(json(this.alice.get(base + "?sort=dueDate&size=4&page=2")).path("content")).isEmpty();
		JsonNode byTotalDesc = json(this.alice.get(base + "?sort=total,desc&size=2"));
		assertThat(byTotalDesc.path("content").findValuesAsString("number")).containsExactly(early, numbers.get(4));

		assertThat(this.alice.get(base + "?sort=account_id").statusCode()).isEqualTo(400);
		assertThat(this.alice.get(base + "?sort=dueDate,sideways").statusCode()).isEqualTo(400);
		assertThat(this.alice.get(base + "?status=overdue").statusCode()).isEqualTo(400);
		assertThat(this.alice.get(base + "?size=201").statusCode()).isEqualTo(400);
		assertThat(this.alice.get(base + "?page=-1").statusCode()).isEqualTo(400);
		assertThat(json(this.alice.get(base + "?status=paid")).path("content")).isEmpty();
		assertThat(json(this.alice.get("/api/accounts/" + this.logistics + "/invoices")).path("page")
			.path("totalElements")
			.asLong()).isZero();
	}

	@Test
	void invoicesOfOtherAccountsAreNotFound() {
		UUID stranger = this.accounts.root("Bluebird Cafe", "USD");
		HttpResponse<String> issued = this.ops.post("/api/invoices",
				invoice(stranger, "2026-11-01", "2026-11-15", line("Coffee machine lease", "1", "80")));
		String id = json(issued).path("invoiceId").asString();

		assertThat(this.alice.get("/api/accounts/" + stranger + "/invoices/" + id).statusCode()).isEqualTo(404);
		assertThat(this.alice.get("/api/accounts/" + this.holdings + "/invoices/" + id).statusCode()).isEqualTo(404);
		assertThat(this.alice.get("/api/accounts/" + this.holdings + "/invoices/" + id + "/pdf").statusCode())
			.isEqualTo(404);
		HttpResponse<String> own = as(TestTokens.customer(stranger))
			.get("/api/accounts/" + stranger + "/invoices/" + id);
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(json(own).path("payments")).isEmpty();
		assertThat(json(own).path("lines").get(0).path("unitPrice").asString()).isEqualTo("80");
	}

	@Test
	void pdfIsARealInvoiceCachedPrivatelyAndRevalidatedByItsTag() throws Exception {
		String number = issue(this.holdings, "2026-11-01", "2026-11-15", "1234.50");
		String older = issue(this.holdings, "2026-10-01", "2026-10-15", "10.00");

		HttpResponse<byte[]> latest = this.alice.getBytes("/api/accounts/" + this.holdings + "/invoices/latest/pdf");

		assertThat(latest.statusCode()).isEqualTo(200);
		assertThat(latest.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(latest.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"" + number + ".pdf\"");
		assertThat(latest.headers().firstValue("Cache-Control").orElseThrow()).contains("private", "no-cache");
		try (PDDocument pdf = Loader.loadPDF(latest.body())) {
			String text = new PDFTextStripper().getText(pdf);
			assertThat(text).contains(number, "Northwind Holdings", "$1,234.50").doesNotContain(older);
		}
		String tag = latest.headers().firstValue("ETag").orElseThrow();
		assertThat(tag).startsWith("\"");
		HttpResponse<byte[]> revalidated = this.alice
			.getBytes("/api/accounts/" + this.holdings + "/invoices/latest/pdf", "If-None-Match", tag);
		assertThat(revalidated.statusCode()).isEqualTo(304);
		assertThat(revalidated.body()).isEmpty();
		assertThat(this.alice.getBytes("/api/accounts/" + this.logistics + "/invoices/latest/pdf").statusCode())
			.isEqualTo(404);
	}

	@Test
	void receivableTellsWhatIsOwedAndWhetherTheChosenInvoiceIsTheAccountsAndOpen() {
		issue(this.holdings, "2026-10-01", "2026-10-15", "10.00");
		String chosen = json(this.ops.post("/api/invoices",
				invoice(this.holdings, "2026-11-01", "2026-11-15", line("Fibre", "1", "15.50"))))
			.path("invoiceId")
			.asString();

		// Other services only: a customer's token is refused, even for its own account.
		assertThat(this.alice.get("/internal/accounts/" + this.holdings + "/receivable").statusCode()).isEqualTo(403);
		var service = as(TestTokens.service());
		JsonNode receivable = json(
				service.get("/internal/accounts/" + this.holdings + "/receivable?invoiceId=" + chosen));

		assertThat(receivable.path("currency").asString()).isEqualTo("USD");
		assertThat(receivable.path("openBalance").asString()).isEqualTo("25.50");
		assertThat(receivable.path("invoice").path("status").asString()).isEqualTo("OPEN");
		assertThat(receivable.path("invoice").path("balance").asString()).isEqualTo("15.50");
		JsonNode elsewhere = json(
				service.get("/internal/accounts/" + this.logistics + "/receivable?invoiceId=" + chosen));
		assertThat(elsewhere.path("invoice").isNull()).isTrue();
		assertThat(elsewhere.path("openBalance").asString()).isEqualTo("0");
		assertThat(elsewhere.path("currency").isNull()).isTrue();
	}

	private String issue(UUID account, String issueDate, String dueDate, String unitPrice) {
		HttpResponse<String> response = this.ops.post("/api/invoices",
				invoice(account, issueDate, dueDate, line("Service", "1", unitPrice)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response).path("number").asString();
	}

	static Body invoice(UUID account, String issueDate, String dueDate, Body... lines) {
		return new Body().with("accountId", account.toString())
			.with("issueDate", issueDate)
			.with("dueDate", dueDate)
			.with("periodStart", issueDate.substring(0, 8) + "01")
			.with("periodEnd", issueDate.substring(0, 8) + "28")
			.with("currency", "USD")
			.with("lines", List.of(lines));
	}

	static Body line(String product, String quantity, String unitPrice) {
		return new Body().with("description", product + " monthly charge")
			.with("product", product)
			.with("quantity", quantity)
			.with("unitPrice", unitPrice);
	}

	/** A JSON object built up field by field. */
	static final class Body extends LinkedHashMap<String, Object> {

		Body with(String field, Object value) {
			put(field, value);
			return this;
		}

	}

}
