package dev.portico.web.payments;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An amount as customers type it in their own locale: {@code 1.250,50} in Germany,
 * {@code 1,250.50} in the US, {@code 1 250,50} in France, and the plain {@code 1250.50}
 * everywhere. A separator is read as grouping only where it can be one (groups of three
 * digits); otherwise it is the decimal point, so {@code 12,50} is never 1250.
 */
final class AmountInput {

	private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u202F'’]");

	private static final Pattern DIGITS = Pattern.compile("\\d+");

	private static final Pattern GROUPED_BY_DOTS = Pattern.compile("\\d{1,3}(\\.\\d{3})+");

	private static final Pattern GROUPED_BY_COMMAS = Pattern.compile("\\d{1,3}(,\\d{3})+");

	private AmountInput() {
	}

	/**
	 * How the form shows an amount to this reader: their decimal separator, no grouping.
	 */
	static String show(BigDecimal amount, Locale locale) {
		if (amount == null) {
			return "";
		}
		char decimal = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
		return amount.toPlainString().replace('.', decimal);
	}

	/** The amount typed; {@link NumberFormatException} when it is not one. */
	static BigDecimal parse(String text, Locale locale) {
		if (text == null) {
			throw new NumberFormatException("no amount");
		}
		DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
		String compact = SPACES.matcher(text.strip()).replaceAll("");
		if (symbols.getDecimalSeparator() != '.' && symbols.getDecimalSeparator() != ',') {
			// A script's own separator (e.g. Arabic's), as show() writes it.
			compact = compact.replace(symbols.getDecimalSeparator(), '.');
		}
		int dots = count(compact, '.');
		int commas = count(compact, ',');
		String integer;
		String fraction = "";
		if (dots > 0 && commas > 0) {
			// Both: the last one is the decimal separator, the other groups.
			char decimal = (compact.lastIndexOf('.') > compact.lastIndexOf(',')) ? '.' : ',';
			char grouping = (decimal == '.') ? ',' : '.';
			if (count(compact, decimal) > 1) {
				throw new NumberFormatException(text);
			}
			integer = grouped(compact.substring(0, compact.lastIndexOf(decimal)), grouping, text);
			fraction = compact.substring(compact.lastIndexOf(decimal) + 1);
		}
		else if (dots + commas > 1) {
			char grouping = (dots > 0) ? '.' : ',';
			integer = grouped(compact, grouping, text);
		}
		else if (dots + commas == 1) {
			char separator = (dots == 1) ? '.' : ',';
			int at = compact.indexOf(separator);
			boolean canGroup = separator == symbols.getGroupingSeparator() && separator != symbols.getDecimalSeparator()
					&& compact.length() - at - 1 == 3 && at >= 1 && at <= 3;
			if (canGroup) {
				integer = compact.substring(0, at) + compact.substring(at + 1);
			}
			else {
				integer = compact.substring(0, at);
				fraction = compact.substring(at + 1);
			}
		}
		else {
			integer = compact;
		}
		if (!DIGITS.matcher(integer).matches() || !(fraction.isEmpty() || DIGITS.matcher(fraction).matches())) {
			throw new NumberFormatException(text);
		}
		return new BigDecimal(fraction.isEmpty() ? integer : integer + "." + fraction);
	}

	private static String grouped(String part, char grouping, String text) {
		Pattern grouped = (grouping == '.') ? GROUPED_BY_DOTS : GROUPED_BY_COMMAS;
		if (!grouped.matcher(part).matches()) {
			throw new NumberFormatException(text);
		}
		return part.replace(String.valueOf(grouping), "");
	}

	private static int count(String text, char c) {
		return (int) text.chars().filter((ch) -> ch == c).count();
	}

}
