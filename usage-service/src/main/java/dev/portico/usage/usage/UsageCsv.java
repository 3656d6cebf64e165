package dev.portico.usage.usage;

import java.util.List;

/**
 * A usage page as RFC 4180 CSV: a header row, CRLF line ends, and a field quoted (its
 * quotes doubled) when it holds a comma, a quote or a line break. Totals are plain
 * decimals with a dot, whatever the reader's locale.
 * <p>
 * Product names, usage identifiers and units come from the billing system's data, not
 * from Portico: a text field that a spreadsheet would read as a formula ({@code = + - @},
 * or a tab or carriage return first) gets a leading apostrophe, so that opening the file
 * never runs what a record's author wrote.
 */
final class UsageCsv {

	static final String CONTENT_TYPE = "text/csv;charset=UTF-8;header=present";

	private static final String CRLF = "\r\n";

	private UsageCsv() {
	}

	static File of(String accountNumber, UsagePage page) {
		StringBuilder csv = new StringBuilder();
		row(csv, List.of("product", "usageIdentifier", "totalUsed", "unit"));
		for (UsagePage.Item item : page.items()) {
			row(csv, List.of(text(item.product()), text(item.usageIdentifier()), item.totalUsed().toPlainString(),
					text(item.unit())));
		}
		return new File("usage-" + safe(accountNumber) + "-" + page.period() + ".csv", csv.toString());
	}

	private static void row(StringBuilder csv, List<String> fields) {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				csv.append(',');
			}
			csv.append(field(fields.get(i)));
		}
		csv.append(CRLF);
	}

	/** A text field that cannot start a spreadsheet formula. */
	static String text(String value) {
		if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
			return "'" + value;
		}
		return value;
	}

	static String field(String value) {
		if (value.contains(",") || value.contains("\"") || value.contains("\r") || value.contains("\n")) {
			return "\"" + value.replace("\"", "\"\"") + "\"";
		}
		return value;
	}

	/**
	 * Only characters that need no quoting in a {@code Content-Disposition} file name.
	 */
	private static String safe(String name) {
		return name.replaceAll("[^A-Za-z0-9._-]", "_");
	}

	/** The CSV and the name to save it as. */
	record File(String name, String content) {
	}

}
