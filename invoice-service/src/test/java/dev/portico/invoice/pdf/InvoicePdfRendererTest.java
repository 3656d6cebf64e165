package dev.portico.invoice.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invoice PDF as a customer and an accountant get it, read back with PDFBox: page
 * count, the text that must be selectable (number, names, amounts), number formats per
 * currency and locale, embedded fonts, metadata.
 */
class InvoicePdfRendererTest {

	private static final String NUMBER = "INV-2026-000123";

	// Compact for a 300-line invoice: 7 A4 pages at the current layout. A change here is
	// a layout change.
	private static final int LONG_INVOICE_PAGES = 7;

	private final InvoicePdfRenderer us = new InvoicePdfRenderer(Locale.US);

	@Test
	void oneLineInvoiceFitsOnePageWithSelectableNumberNamesAndAmounts() {
		Pdf pdf = Pdf.of(this.us.render(InvoiceDocuments.sample()));

		assertThat(pdf.pages()).isEqualTo(1);
		assertThat(pdf.text())
			.contains(NUMBER, "Bill to", "Northwind Traders Inc.", "Account ACC-100234", "Attn: Ada Lovelace",
					"Portico Cloud Services Ltd.", "Tax ID: US 12-3456789")
			.contains("Issue date", "Apr 1, 2026", "Due date", "May 1, 2026", "Mar 1, 2026 \u2013 Mar 31, 2026")
			.contains("Description", "Product", "Account", "Qty", "Unit price", "Amount")
			.contains("Subtotal $1,140.42", "Tax (8.25%) $94.08", "Total $1,234.50", "Amount paid $0.00",
					"Balance due $1,234.50")
			.contains("Page 1 of 1", "Invoice " + NUMBER);
		// Usage priced in fractions of a cent keeps its precision; quantities lose
		// trailing zeros, keep grouping.
		assertThat(pdf.text()).contains("$0.0075", "$0.125", "1,840", "152.35", "228.1");
		assertThat(pdf.text()).contains("Bank transfer to Portico Cloud Services Ltd.",
				"Please quote invoice number " + NUMBER + " with your payment.");
		assertThat(pdf.text()).doesNotContain("PAID", "VOID", "OPEN");
	}

	@Test
	void fontsAreEmbeddedSubsetsOfLiberationSans() {
		Pdf pdf = Pdf.of(this.us.render(InvoiceDocuments.withLines(60)));

		assertThat(pdf.fonts()).isNotEmpty().allSatisfy((font) -> {
			assertThat(font.embedded()).as(font.name() + " embedded").isTrue();
			assertThat(font.name()).matches("[A-Z]{6}\\+LiberationSans(-Bold)?");
		});
		assertThat(pdf.fonts()).extracting(Font::name)
			.anyMatch((name) -> name.endsWith("+LiberationSans"))
			.anyMatch((name) -> name.endsWith("+LiberationSans-Bold"));
	}

	@Test
	void metadataNamesTheInvoiceAndTheProvider() {
		Pdf pdf = Pdf.of(this.us.render(InvoiceDocuments.sample()));

		assertThat(pdf.title()).isEqualTo("Invoice " + NUMBER);
		assertThat(pdf.author()).isEqualTo("Portico Cloud Services Ltd.");
	}

	@Test
	void longInvoiceRepeatsTheTableHeaderOnEveryPageAndKeepsEveryLineWhole() {
		InvoiceDocument invoice = InvoiceDocuments.withLines(300);
		Pdf pdf = Pdf.of(this.us.render(invoice));

		assertThat(pdf.pages()).isEqualTo(LONG_INVOICE_PAGES);
		for (int page = 1; page <= pdf.pages(); page++) {
			assertThat(pdf.text(page)).as("page %d", page)
				.contains("Description Product Account Qty Unit price Amount")
				.contains("Page " + page + " of " + LONG_INVOICE_PAGES)
				.contains("Invoice " + NUMBER);
		}
		// Each line exactly once and on one text line: a row split across pages would
		// tear its cells apart.
		for (InvoiceDocument.Line line : invoice.lines()) {
			assertThat(occurrences(pdf.text(), line.description() + " ")).as(line.description()).isEqualTo(1);
		}
		assertThat(pdf.text(LONG_INVOICE_PAGES)).contains("Subtotal", "Balance due " + money(invoice.balance()));
		for (int page = 2; page < LONG_INVOICE_PAGES; page++) {
			assertThat(pdf.text(page)).doesNotContain("Subtotal");
		}
	}

	@Test
	void yenAmountsHaveNoDecimals() {
		InvoiceDocument invoice = InvoiceDocuments.invoice().currency("JPY", "150").build();
		Pdf pdf = Pdf.of(this.us.render(invoice));

		assertThat(invoice.total().scale()).isZero();
		assertThat(pdf.text()).contains("Total " + String.format(Locale.US, "\u00a5%,d", invoice.total().longValue()),
				"\u00a574,850");
		Matcher amounts = Pattern.compile("\u00a5[\\d,]+(\\.\\d+)?").matcher(pdf.text());
		int found = 0;
		while (amounts.find()) {
			assertThat(amounts.group(1)).as(amounts.group()).isNull();
			found++;
		}
		assertThat(found).isGreaterThan(20);
	}

	@Test
	void euroInvoiceInGermanyUsesGermanNumbersAndDates() {
		InvoiceDocument invoice = InvoiceDocuments.invoice().currency("EUR", "1").build();
		Pdf pdf = Pdf.of(new InvoicePdfRenderer(Locale.GERMANY).render(invoice));

		assertThat(pdf.text()).contains("Total 1.234,50 \u20ac", "Subtotal 1.140,42 \u20ac", "0,0075 \u20ac",
				"Tax (8,25 %)", "1.840", "152,35", "01.04.2026", "01.03.2026 \u2013 31.03.2026");
	}

	@Test
	void paidInvoiceIsStampedAndAsksForNothing() {
		Pdf pdf = Pdf.of(this.us.render(InvoiceDocuments.invoice().status("PAID").build()));

		assertThat(pdf.text()).contains("PAID", "Amount paid $1,234.50", "Balance due $0.00", "paid in full")
			.doesNotContain("Please quote");
	}

	@Test
	void partiallyPaidInvoiceShowsWhatIsLeft() {
		Pdf pdf = Pdf.of(this.us.render(InvoiceDocuments.invoice().status("PARTIALLY_PAID").paid("234.50").build()));

		assertThat(pdf.text()).contains("PARTIALLY PAID", "Amount paid $234.50", "Balance due $1,000.00",
				"Please quote invoice number " + NUMBER);
	}

	@Test
	void voidInvoiceIsMarkedOnEveryPage() {
		Pdf pdf = Pdf.of(this.us.render(InvoiceDocuments.invoice().lines(60).status("VOID").build()));

		assertThat(pdf.pages()).isGreaterThan(1);
		for (int page = 1; page <= pdf.pages(); page++) {
			assertThat(pdf.text(page)).as("page %d", page).contains("VOID");
		}
		assertThat(pdf.text()).contains("No payment is due").doesNotContain("Please quote");
	}

	@Test
	void optionalFieldsMayBeMissing() {
		Pdf pdf = Pdf.of(this.us.render(InvoiceDocuments.invoice().minimal().build()));

		assertThat(pdf.pages()).isEqualTo(1);
		assertThat(pdf.text())
			.contains(NUMBER, "Northwind Traders Inc.", "Tax $0.00", "Total $1,140.42",
					"Please quote invoice number " + NUMBER)
			.doesNotContain("%", "Attn:", "Tax ID", "@", "null");
	}

	@Test
	void invoiceWithoutLinesOrDatesStillRenders() {
		InvoiceDocument sample = InvoiceDocuments.invoice().minimal().lines(0).build();
		InvoiceDocument bare = new InvoiceDocument(sample.provider(), "INV-0", null, null, null, null,
				sample.currency(), sample.billTo(), null, BigDecimal.ZERO, null, BigDecimal.ZERO, BigDecimal.ZERO, null,
				BigDecimal.ZERO, null);
		Pdf pdf = Pdf.of(this.us.render(bare));

		assertThat(pdf.pages()).isEqualTo(1);
		assertThat(pdf.text()).contains("INV-0", "No charges in this period", "Total $0.00").doesNotContain("null");
	}

	@Test
	void rendersConcurrentlyWithSharedFonts() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<String>> texts = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				String number = "INV-C-%03d".formatted(i);
				InvoiceDocument invoice = InvoiceDocuments.invoice().number(number).lines(8 + i * 5).build();
				texts.add(pool.submit(() -> Pdf.of(this.us.render(invoice)).text()));
			}
			for (int i = 0; i < texts.size(); i++) {
				assertThat(texts.get(i).get()).contains("Invoice INV-C-%03d".formatted(i), "Total $");
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String money(BigDecimal amount) {
		return String.format(Locale.US, "$%,.2f", amount);
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

	/**
	 * A rendered PDF read back with PDFBox: page texts (no-break spaces of French or
	 * German amounts as plain spaces), every font used, including the footer's form
	 * XObjects, and the document information.
	 */
	private record Pdf(List<String> pageTexts, List<Font> fonts, String title, String author) {

		static Pdf of(byte[] bytes) {
			try (PDDocument document = Loader.loadPDF(bytes)) {
				List<String> texts = new ArrayList<>();
				PDFTextStripper stripper = new PDFTextStripper();
				for (int page = 1; page <= document.getNumberOfPages(); page++) {
					stripper.setStartPage(page);
					stripper.setEndPage(page);
					texts.add(stripper.getText(document).replace('\u00a0', ' ').replace('\u202f', ' '));
				}
				List<Font> fonts = new ArrayList<>();
				for (PDPage page : document.getPages()) {
					collectFonts(page.getResources(), fonts);
				}
				PDDocumentInformation info = document.getDocumentInformation();
				return new Pdf(texts, fonts, info.getTitle(), info.getAuthor());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		int pages() {
			return this.pageTexts.size();
		}

		String text() {
			return String.join("", this.pageTexts);
		}

		String text(int page) {
			return this.pageTexts.get(page - 1);
		}

		private static void collectFonts(PDResources resources, List<Font> fonts) throws IOException {
			if (resources == null) {
				return;
			}
			for (COSName name : resources.getFontNames()) {
				PDFont font = resources.getFont(name);
				fonts.add(new Font(font.getName(), font.isEmbedded()));
			}
			for (COSName name : resources.getXObjectNames()) {
				if (resources.getXObject(name) instanceof PDFormXObject form) {
					collectFonts(form.getResources(), fonts);
				}
			}
		}

	}

	private record Font(String name, boolean embedded) {
	}

}
