package dev.portico.invoice.pdf;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.Deflater;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

import static dev.portico.invoice.pdf.InvoiceStyle.BALANCE;
import static dev.portico.invoice.pdf.InvoiceStyle.BODY;
import static dev.portico.invoice.pdf.InvoiceStyle.BODY_BOLD;
import static dev.portico.invoice.pdf.InvoiceStyle.LABEL;
import static dev.portico.invoice.pdf.InvoiceStyle.SMALL;
import static dev.portico.invoice.pdf.InvoiceStyle.TABLE_BODY;
import static dev.portico.invoice.pdf.InvoiceStyle.TABLE_HEADER;
import static dev.portico.invoice.pdf.InvoiceStyle.TOTAL;

/**
 * Renders an {@link InvoiceDocument} as an A4 PDF: provider header, bill-to block, the
 * charges in a table whose header row repeats on every page, totals, payment instructions
 * and a "Page X of Y" footer. Labels are English; numbers and dates follow the locale
 * given to the constructor, amounts the invoice's currency. Liberation Sans is embedded
 * (subset), and all text can be searched and copied.
 * <p>
 * Thread-safe: the fonts are shared read-only, everything else is created per document.
 */
public final class InvoicePdfRenderer {

	// Margins in points (A4 is 595 x 842); the bottom one leaves room for the footer
	// drawn by PageDecorations.
	private static final float MARGIN_SIDE = 48;

	private static final float MARGIN_TOP = 44;

	private static final float MARGIN_BOTTOM = 62;

	// Deflating the embedded font subsets (~70 KB) was half the time of a one-page
	// invoice; the fastest level halves that for a file 5 % larger (39 KB instead of 37
	// KB).
	static final int COMPRESSION = Deflater.BEST_SPEED;

	private static final float[] LINE_COLUMNS = { 34, 17, 13, 9, 12, 15 };

	private final Locale locale;

	/**
	 * @param locale how numbers and dates are written, usually the provider's (e.g.
	 * {@link Locale#US})
	 */
	public InvoicePdfRenderer(Locale locale) {
		this.locale = Objects.requireNonNull(locale, "locale");
		// Fail here, at start-up, rather than on the first invoice if the fonts are
		// missing.
		Objects.requireNonNull(InvoiceStyle.REGULAR_FONT);
	}

	/** The invoice as PDF bytes. */
	public byte[] render(InvoiceDocument invoice) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(48 * 1024);
		render(invoice, out);
		return out.toByteArray();
	}

	/** Writes the invoice as PDF to {@code out}, which is left open. */
	public void render(InvoiceDocument invoice, OutputStream out) {
		Objects.requireNonNull(invoice, "invoice");
		InvoiceFormat format = new InvoiceFormat(this.locale, invoice.currency());
		Document document = new Document(PageSize.A4, MARGIN_SIDE, MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM);
		PdfWriter writer = PdfWriter.getInstance(document, out);
		writer.setCloseStream(false);
		writer.setCompressionLevel(COMPRESSION);
		writer.setViewerPreferences(PdfWriter.DisplayDocTitle);
		writer.setPageEvent(new PageDecorations("Invoice " + invoice.number(), invoice.isVoid()));
		document.addTitle("Invoice " + invoice.number());
		if (invoice.provider().name() != null) {
			document.addAuthor(invoice.provider().name());
		}
		document.addCreator("Portico");
		document.open();
		document.add(header(invoice, format));
		document.add(billTo(invoice, format));
		document.add(lines(invoice.lines(), format));
		document.add(totals(invoice, format));
		document.add(payment(invoice));
		document.close();
	}

	private static PdfPTable header(InvoiceDocument invoice, InvoiceFormat format) {
		InvoiceDocument.Provider provider = invoice.provider();
		PdfPCell from = block();
		line(from, provider.name(), InvoiceStyle.PROVIDER_NAME, Element.ALIGN_LEFT);
		for (String address : provider.addressLines()) {
			line(from, address, SMALL, Element.ALIGN_LEFT);
		}
		line(from, provider.email(), SMALL, Element.ALIGN_LEFT);
		line(from, provider.phone(), SMALL, Element.ALIGN_LEFT);
		line(from, labelled("Tax ID: ", provider.taxId()), SMALL, Element.ALIGN_LEFT);

		PdfPTable facts = new PdfPTable(new float[] { 45, 55 });
		facts.setWidthPercentage(100);
		fact(facts, "Invoice number", invoice.number(), BODY_BOLD);
		fact(facts, "Issue date", format.date(invoice.issueDate()), BODY);
		fact(facts, "Due date", format.date(invoice.dueDate()), BODY);
		if (invoice.periodStart() != null || invoice.periodEnd() != null) {
			fact(facts, "Billing period",
					format.date(invoice.periodStart()) + " \u2013 " + format.date(invoice.periodEnd()), BODY);
		}
		PdfPCell what = block();
		Paragraph title = paragraph("Invoice", InvoiceStyle.TITLE, Element.ALIGN_RIGHT);
		title.setSpacingAfter(6);
		what.addElement(title);
		what.addElement(facts);
		PdfPTable stamp = statusStamp(invoice.status());
		if (stamp != null) {
			what.addElement(stamp);
		}

		PdfPTable table = new PdfPTable(new float[] { 55, 45 });
		table.setWidthPercentage(100);
		table.addCell(from);
		table.addCell(what);
		return table;
	}

	private static void fact(PdfPTable facts, String label, String value, Font font) {
		if (value == null || value.isBlank()) {
			return;
		}
		PdfPCell name = cell(label, SMALL, Element.ALIGN_LEFT);
		name.setPadding(1.5f);
		facts.addCell(name);
		PdfPCell content = cell(value, font, Element.ALIGN_RIGHT);
		content.setPadding(1.5f);
		facts.addCell(content);
	}

	// A framed word under the invoice facts, so that a paid or void invoice is recognised
	// at a glance.
	private static PdfPTable statusStamp(String status) {
		if (status == null || status.isBlank() || status.equalsIgnoreCase("OPEN")) {
			return null;
		}
		String text = status.strip().replace('_', ' ').toUpperCase(Locale.ROOT);
		Color color = switch (text) {
			case "PAID" -> InvoiceStyle.PAID;
			case "VOID" -> InvoiceStyle.VOID;
			case "PARTIALLY PAID" -> InvoiceStyle.PARTIAL;
			default -> InvoiceStyle.MUTED;
		};
		Font font = InvoiceStyle.stamp(color);
		PdfPCell cell = cell(text, font, Element.ALIGN_CENTER);
		cell.setBorder(Rectangle.BOX);
		cell.setBorderWidth(1.5f);
		cell.setBorderColor(color);
		cell.setPadding(4);
		cell.setPaddingBottom(5);
		PdfPTable stamp = new PdfPTable(1);
		stamp.setTotalWidth(font.getBaseFont().getWidthPoint(text, font.getSize()) + 20);
		stamp.setLockedWidth(true);
		stamp.setHorizontalAlignment(Element.ALIGN_RIGHT);
		stamp.setSpacingBefore(8);
		stamp.addCell(cell);
		return stamp;
	}

	private static PdfPTable billTo(InvoiceDocument invoice, InvoiceFormat format) {
		InvoiceDocument.BillTo billTo = invoice.billTo();
		PdfPCell to = block();
		line(to, "Bill to", LABEL, Element.ALIGN_LEFT);
		line(to, billTo.name(), InvoiceStyle.BODY_BOLD, Element.ALIGN_LEFT);
		line(to, labelled("Account ", billTo.accountNumber()), BODY, Element.ALIGN_LEFT);
		line(to, labelled("Attn: ", billTo.contactName()), BODY, Element.ALIGN_LEFT);
		line(to, billTo.email(), BODY, Element.ALIGN_LEFT);
		for (String address : billTo.addressLines()) {
			line(to, address, BODY, Element.ALIGN_LEFT);
		}

		// What the customer looks for first: how much, by when.
		PdfPCell due = block();
		due.setBackgroundColor(InvoiceStyle.HEADER_FILL);
		due.setPadding(10);
		line(due, "Balance due", LABEL, Element.ALIGN_RIGHT);
		line(due, format.money(invoice.balance()), InvoiceStyle.AMOUNT_DUE, Element.ALIGN_RIGHT);
		line(due, dueNote(invoice, format), SMALL, Element.ALIGN_RIGHT);

		PdfPTable table = new PdfPTable(new float[] { 58, 42 });
		table.setWidthPercentage(100);
		table.setSpacingBefore(20);
		table.addCell(to);
		table.addCell(due);
		return table;
	}

	private static String dueNote(InvoiceDocument invoice, InvoiceFormat format) {
		if (invoice.isVoid()) {
			return "Void \u2013 nothing to pay";
		}
		if (!owes(invoice)) {
			return "Paid in full \u2013 thank you";
		}
		String due = format.date(invoice.dueDate());
		return due.isEmpty() ? "" : "Due " + due;
	}

	private static PdfPTable lines(List<InvoiceDocument.Line> lines, InvoiceFormat format) {
		PdfPTable table = new PdfPTable(LINE_COLUMNS);
		table.setWidthPercentage(100);
		table.setSpacingBefore(22);
		// Repeated at the top of every page the table runs onto.
		table.setHeaderRows(1);
		// A row that does not fit moves whole to the next page; only a row taller than a
		// page is split.
		table.setSplitLate(true);
		heading(table, "Description", Element.ALIGN_LEFT);
		heading(table, "Product", Element.ALIGN_LEFT);
		heading(table, "Account", Element.ALIGN_LEFT);
		heading(table, "Qty", Element.ALIGN_RIGHT);
		heading(table, "Unit price", Element.ALIGN_RIGHT);
		heading(table, "Amount", Element.ALIGN_RIGHT);
		if (lines.isEmpty()) {
			PdfPCell none = row(cell("No charges in this period", SMALL, Element.ALIGN_LEFT));
			none.setColspan(LINE_COLUMNS.length);
			table.addCell(none);
		}
		for (InvoiceDocument.Line line : lines) {
			table.addCell(row(cell(line.description(), TABLE_BODY, Element.ALIGN_LEFT)));
			table.addCell(row(cell(line.product(), TABLE_BODY, Element.ALIGN_LEFT)));
			table.addCell(row(cell(line.chargedAccountNumber(), TABLE_BODY, Element.ALIGN_LEFT)));
			table.addCell(row(cell(format.quantity(line.quantity()), TABLE_BODY, Element.ALIGN_RIGHT)));
			table.addCell(row(cell(format.unitPrice(line.unitPrice()), TABLE_BODY, Element.ALIGN_RIGHT)));
			table.addCell(row(cell(format.money(line.amount()), TABLE_BODY, Element.ALIGN_RIGHT)));
		}
		return table;
	}

	private static void heading(PdfPTable table, String text, int alignment) {
		PdfPCell cell = cell(text, TABLE_HEADER, alignment);
		cell.setBackgroundColor(InvoiceStyle.HEADER_FILL);
		cell.setBorder(Rectangle.BOTTOM);
		cell.setBorderColor(InvoiceStyle.RULE);
		cell.setBorderWidth(0.75f);
		table.addCell(cell);
	}

	private static PdfPCell row(PdfPCell cell) {
		cell.setBorder(Rectangle.BOTTOM);
		cell.setBorderColor(InvoiceStyle.RULE);
		cell.setBorderWidth(0.5f);
		return cell;
	}

	private static PdfPTable totals(InvoiceDocument invoice, InvoiceFormat format) {
		PdfPTable table = new PdfPTable(new float[] { 58, 42 });
		table.setWidthPercentage(45);
		table.setHorizontalAlignment(Element.ALIGN_RIGHT);
		table.setSpacingBefore(8);
		// The totals are read together: never half of them at the foot of a page.
		table.setKeepTogether(true);
		total(table, "Subtotal", format.money(invoice.subtotal()), BODY, false);
		String rate = format.percent(invoice.taxRate());
		total(table, rate.isEmpty() ? "Tax" : "Tax (" + rate + ")", format.money(invoice.tax()), BODY, false);
		total(table, "Total", format.money(invoice.total()), TOTAL, true);
		total(table, "Amount paid", format.money(invoice.amountPaid()), BODY, false);
		total(table, "Balance due", format.money(invoice.balance()), BALANCE, true);
		return table;
	}

	private static void total(PdfPTable table, String label, String amount, Font font, boolean ruled) {
		PdfPCell name = cell(label, font, Element.ALIGN_LEFT);
		PdfPCell value = cell(amount, font, Element.ALIGN_RIGHT);
		for (PdfPCell cell : new PdfPCell[] { name, value }) {
			if (ruled) {
				cell.setBorder(Rectangle.TOP);
				cell.setBorderColor(InvoiceStyle.TEXT);
				cell.setBorderWidth(0.75f);
				cell.setPaddingTop(5);
			}
			table.addCell(cell);
		}
	}

	private static PdfPTable payment(InvoiceDocument invoice) {
		PdfPCell cell = block();
		line(cell, "Payment", BODY_BOLD, Element.ALIGN_LEFT);
		if (invoice.isVoid()) {
			line(cell, "This invoice is void. No payment is due.", BODY, Element.ALIGN_LEFT);
		}
		else if (!owes(invoice)) {
			line(cell, "This invoice has been paid in full. Thank you.", BODY, Element.ALIGN_LEFT);
		}
		else {
			String instructions = invoice.provider().paymentInstructions();
			if (instructions != null) {
				for (String instruction : instructions.split("\\R")) {
					line(cell, instruction, BODY, Element.ALIGN_LEFT);
				}
			}
			Paragraph quote = paragraph("Please quote invoice number " + invoice.number() + " with your payment.",
					BODY_BOLD, Element.ALIGN_LEFT);
			quote.setSpacingBefore(4);
			cell.addElement(quote);
		}
		PdfPTable table = new PdfPTable(1);
		table.setWidthPercentage(100);
		table.setSpacingBefore(22);
		table.setKeepTogether(true);
		table.addCell(cell);
		return table;
	}

	// Something is still owed unless the balance says otherwise; an invoice without a
	// balance asks for payment.
	private static boolean owes(InvoiceDocument invoice) {
		BigDecimal balance = invoice.balance();
		return !"PAID".equalsIgnoreCase(invoice.status()) && (balance == null || balance.signum() > 0);
	}

	private static String labelled(String label, String value) {
		return (value == null || value.isBlank()) ? null : label + value;
	}

	/** A borderless cell holding paragraphs (composite mode). */
	private static PdfPCell block() {
		PdfPCell cell = new PdfPCell();
		cell.setBorder(Rectangle.NO_BORDER);
		cell.setPadding(0);
		cell.setUseAscender(true);
		return cell;
	}

	/** A borderless text cell; a {@code null} text leaves the cell empty. */
	private static PdfPCell cell(String text, Font font, int alignment) {
		PdfPCell cell = new PdfPCell(new Phrase((text != null) ? text : "", font));
		cell.setBorder(Rectangle.NO_BORDER);
		cell.setHorizontalAlignment(alignment);
		cell.setLeading(0, 1.2f);
		cell.setPaddingTop(4);
		cell.setPaddingBottom(5);
		cell.setPaddingLeft(4);
		cell.setPaddingRight(4);
		cell.setUseAscender(true);
		return cell;
	}

	/**
	 * Adds one line of text to a block, nothing for {@code null} or blank text (optional
	 * fields).
	 */
	private static void line(PdfPCell block, String text, Font font, int alignment) {
		if (text != null && !text.isBlank()) {
			block.addElement(paragraph(text, font, alignment));
		}
	}

	private static Paragraph paragraph(String text, Font font, int alignment) {
		Paragraph paragraph = new Paragraph(font.getSize() * 1.3f, text, font);
		paragraph.setAlignment(alignment);
		return paragraph;
	}

}
