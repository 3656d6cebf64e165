package dev.portico.web.config;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Money and dates for the reader: in their locale (from the browser's
 * {@code Accept-Language}), money in the account's currency with that currency's digits.
 * Templates call it as {@code @formats}.
 */
@Component("formats")
public class Formats {

	public String money(BigDecimal amount, String currency) {
		return money(amount, currency, LocaleContextHolder.getLocale());
	}

	public String money(BigDecimal amount, String currency, Locale locale) {
		if (amount == null) {
			return "";
		}
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		if (currency != null) {
			Currency unit = Currency.getInstance(currency);
			format.setCurrency(unit);
			format.setMinimumFractionDigits(unit.getDefaultFractionDigits());
			format.setMaximumFractionDigits(unit.getDefaultFractionDigits());
		}
		return format.format(amount);
	}

	/**
	 * A credit shows as a positive amount beside the word "credit", not as a negative
	 * balance.
	 */
	public String magnitude(BigDecimal amount, String currency) {
		return (amount != null) ? money(amount.abs(), currency) : "";
	}

	/**
	 * A quantity as the reader writes numbers: grouped, with its own decimals, never
	 * rounded away.
	 */
	public String quantity(BigDecimal value) {
		if (value == null) {
			return "";
		}
		NumberFormat format = NumberFormat.getNumberInstance(LocaleContextHolder.getLocale());
		format.setMaximumFractionDigits(Math.max(0, value.stripTrailingZeros().scale()));
		return format.format(value);
	}

	/**
	 * A card brand as printed on cards: {@code visa} as Visa, {@code amex} as American
	 * Express.
	 */
	public String brand(String brand) {
		if (brand == null || brand.isBlank()) {
			return "";
		}
		return switch (brand.toLowerCase(Locale.ROOT)) {
			case "amex" -> "American Express";
			case "mastercard" -> "Mastercard";
			case "diners" -> "Diners Club";
			default -> brand.substring(0, 1).toUpperCase(Locale.ROOT) + brand.substring(1).toLowerCase(Locale.ROOT);
		};
	}

	public String date(LocalDate date) {
		if (date == null) {
			return "";
		}
		return date
			.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(LocaleContextHolder.getLocale()));
	}

}
