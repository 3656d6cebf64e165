package dev.portico.invoice.pdf;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;

import org.openpdf.text.Font;
import org.openpdf.text.pdf.BaseFont;

/**
 * Fonts and colours of the invoice. Liberation Sans is parsed once per JVM (a TrueType
 * parse takes milliseconds, longer than laying out an invoice) and shared by every
 * document: a {@link BaseFont} is only read while rendering, each document keeps its own
 * record of the glyphs it used and embeds just that subset.
 */
final class InvoiceStyle {

	private static final SecureRandom SUBSET_NAMES = new SecureRandom();

	static final BaseFont REGULAR_FONT = load("liberation/LiberationSans-Regular.ttf");

	static final BaseFont BOLD_FONT = load("liberation/LiberationSans-Bold.ttf");

	static final Color TEXT = new Color(0x22, 0x27, 0x2e);

	static final Color MUTED = new Color(0x5f, 0x67, 0x73);

	static final Color RULE = new Color(0xc9, 0xce, 0xd6);

	static final Color HEADER_FILL = new Color(0xed, 0xf0, 0xf4);

	static final Color ACCENT = new Color(0x1f, 0x4e, 0x79);

	static final Color PAID = new Color(0x1e, 0x7b, 0x3c);

	static final Color VOID = new Color(0xb4, 0x23, 0x18);

	static final Color PARTIAL = new Color(0xb3, 0x6b, 0x00);

	// Fonts are never changed after creation, so they are shared like the base fonts.
	static final Font TITLE = new Font(BOLD_FONT, 22, Font.NORMAL, ACCENT);

	static final Font PROVIDER_NAME = new Font(BOLD_FONT, 13, Font.NORMAL, TEXT);

	static final Font BODY = new Font(REGULAR_FONT, 9, Font.NORMAL, TEXT);

	static final Font BODY_BOLD = new Font(BOLD_FONT, 9, Font.NORMAL, TEXT);

	static final Font SMALL = new Font(REGULAR_FONT, 8.5f, Font.NORMAL, MUTED);

	static final Font LABEL = new Font(BOLD_FONT, 7.5f, Font.NORMAL, MUTED);

	static final Font TABLE_HEADER = new Font(BOLD_FONT, 8, Font.NORMAL, TEXT);

	static final Font TABLE_BODY = new Font(REGULAR_FONT, 8.5f, Font.NORMAL, TEXT);

	static final Font TOTAL = new Font(BOLD_FONT, 10, Font.NORMAL, TEXT);

	static final Font BALANCE = new Font(BOLD_FONT, 11.5f, Font.NORMAL, TEXT);

	static final Font AMOUNT_DUE = new Font(BOLD_FONT, 18, Font.NORMAL, ACCENT);

	static final Font FOOTER = new Font(REGULAR_FONT, 7.5f, Font.NORMAL, MUTED);

	static final Font WATERMARK = new Font(BOLD_FONT, 130, Font.NORMAL, new Color(0xf6, 0xd5, 0xd2));

	private InvoiceStyle() {
	}

	static Font stamp(Color color) {
		return new Font(BOLD_FONT, 11, Font.NORMAL, color);
	}

	// Identity-H with embedding: any Unicode text, a subset of the glyphs embedded, and a
	// ToUnicode map written so that invoice numbers and amounts can be searched and
	// copied.
	private static BaseFont load(String resource) {
		try (InputStream in = InvoiceStyle.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is not on the class path (openpdf-fonts-extra)");
			}
			byte[] bytes = in.readAllBytes();
			BaseFont font = BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, bytes, null);
			font.setSubset(true);
			font.setCompressionLevel(InvoicePdfRenderer.COMPRESSION);
			// The subset's name prefix is random; without this the font seeds a new
			// SecureRandom per document.
			font.setSecureRandom(SUBSET_NAMES);
			return font;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot load font " + resource, ex);
		}
	}

}
