package dev.portico.invoice.pdf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts, quantities, rates and dates as the provider's locale writes them.
 * {@link NumberFormat} is not thread-safe, so one instance serves one rendering and is
 * then dropped.
 */
final class InvoiceFormat {

	// Unit prices of usage may be fractions of a cent; more decimals than this would be
	// noise on paper.
	private static final int MAX_UNIT_PRICE_DECIMALS = 6;

	private final NumberFormat money;

	private final NumberFormat unitPrice;

	private final NumberFormat quantity;

	private final NumberFormat percent;

	private final DateTimeFormatter date;

	private final int currencyDecimals;

	InvoiceFormat(Locale locale, Currency currency) {
		this.currencyDecimals = Math.max(currency.getDefaultFractionDigits(), 0);
		this.money = currencyFormat(locale, currency, this.currencyDecimals);
		this.unitPrice = currencyFormat(locale, currency, this.currencyDecimals);
		this.quantity = NumberFormat.getNumberInstance(locale);
		this.quantity.setGroupingUsed(true);
		this.quantity.setMinimumFractionDigits(0);
		this.quantity.setRoundingMode(RoundingMode.HALF_UP);
		this.percent = NumberFormat.getPercentInstance(locale);
		this.percent.setMinimumFractionDigits(0);
		this.percent.setMaximumFractionDigits(4);
		this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
	}

	private static NumberFormat currencyFormat(Locale locale, Currency currency, int decimals) {
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(currency);
		format.setMinimumFractionDigits(decimals);
		format.setMaximumFractionDigits(decimals);
		// Commercial rounding, should an amount arrive with more decimals than its
		// currency has.
		format.setRoundingMode(RoundingMode.HALF_UP);
		return format;
	}

	/**
	 * An amount in the invoice currency, e.g. {@code $1,234.50}, {@code ¥1,235},
	 * {@code 1.234,50 €}.
	 */
	String money(BigDecimal amount) {
		return (amount != null) ? this.money.format(amount) : "";
	}

	/**
	 * A unit price: at least the currency's decimals, more only where the price has them
	 * ({@code $0.0075}).
	 */
	String unitPrice(BigDecimal price) {
		if (price == null) {
			return "";
		}
		int decimals = Math.min(Math.max(significantDecimals(price), this.currencyDecimals), MAX_UNIT_PRICE_DECIMALS);
		this.unitPrice.setMaximumFractionDigits(decimals);
		return this.unitPrice.format(price);
	}

	/** A quantity without trailing zeros, grouped: {@code 1,840}, {@code 152.35}. */
	String quantity(BigDecimal quantity) {
		if (quantity == null) {
			return "";
		}
		this.quantity.setMaximumFractionDigits(Math.max(significantDecimals(quantity), 0));
		return this.quantity.format(quantity);
	}

	/** A tax rate given as a fraction: {@code 0.0825} is {@code 8.25%}. */
	String percent(BigDecimal rate) {
		return (rate != null) ? this.percent.format(rate) : "";
	}

	String date(LocalDate date) {
		return (date != null) ? this.date.format(date) : "";
	}

	private static int significantDecimals(BigDecimal value) {
		return (value.signum() != 0) ? value.stripTrailingZeros().scale() : 0;
	}

}
