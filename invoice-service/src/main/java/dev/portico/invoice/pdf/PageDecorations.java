package dev.portico.invoice.pdf;

import java.util.ArrayList;
import java.util.List;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * What every page carries besides its content: a footer with the invoice number and "Page
 * X of Y", and, on a void invoice, a VOID stamp behind the content. One instance per
 * document: it collects that document's pages.
 */
final class PageDecorations extends PdfPageEventHelper {

	// Wide enough for "Page 999 of 999" in the footer font; the text is right-aligned
	// inside.
	private static final float COUNTER_WIDTH = 120;

	private static final float COUNTER_HEIGHT = 12;

	// Baseline of the footer text inside the counter template, leaving room for
	// descenders.
	private static final float COUNTER_BASELINE = 3;

	private final String invoiceLabel;

	private final boolean voided;

	// The total is known only when the document closes, so each page gets a template that
	// is filled in then.
	private final List<PdfTemplate> pageCounters = new ArrayList<>();

	PageDecorations(String invoiceLabel, boolean voided) {
		this.invoiceLabel = invoiceLabel;
		this.voided = voided;
	}

	@Override
	public void onEndPage(PdfWriter writer, Document document) {
		if (this.voided) {
			stampVoid(writer, document);
		}
		PdfContentByte canvas = writer.getDirectContent();
		float baseline = document.bottom() - 26;
		canvas.saveState();
		canvas.setColorStroke(InvoiceStyle.RULE);
		canvas.setLineWidth(0.5f);
		canvas.moveTo(document.left(), baseline + 11);
		canvas.lineTo(document.right(), baseline + 11);
		canvas.stroke();
		canvas.restoreState();
		ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(this.invoiceLabel, InvoiceStyle.FOOTER),
				document.left(), baseline, 0);
		PdfTemplate counter = canvas.createTemplate(COUNTER_WIDTH, COUNTER_HEIGHT);
		canvas.addTemplate(counter, document.right() - COUNTER_WIDTH, baseline - COUNTER_BASELINE);
		this.pageCounters.add(counter);
	}

	@Override
	public void onCloseDocument(PdfWriter writer, Document document) {
		int total = this.pageCounters.size();
		for (int i = 0; i < total; i++) {
			ColumnText.showTextAligned(this.pageCounters.get(i), Element.ALIGN_RIGHT,
					new Phrase("Page " + (i + 1) + " of " + total, InvoiceStyle.FOOTER), COUNTER_WIDTH,
					COUNTER_BASELINE, 0);
		}
	}

	// Behind the content and in a light tint, so that the voided invoice stays legible
	// for the records.
	private void stampVoid(PdfWriter writer, Document document) {
		float x = (document.left() + document.right()) / 2;
		float y = (document.bottom() + document.top()) / 2;
		ColumnText.showTextAligned(writer.getDirectContentUnder(), Element.ALIGN_CENTER,
				new Phrase("VOID", InvoiceStyle.WATERMARK), x, y, 45);
	}

}
