package dev.portico.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in a currency. Amounts keep at least the currency's minor digits
 * ({@code 125.4} USD is {@code 125.40}) and at most the four the database stores, so that
 * nothing rounds silently on the way in or out.
 */
public record Money(BigDecimal amount, Currency currency) {

	/** Scale of {@code numeric(19,4)}, the money columns of every table. */
	public static final int MAX_SCALE = 4;

	/** Digits before the point that {@code numeric(19,4)} holds. */
	public static final int MAX_INTEGER_DIGITS = 15;

	/**
	 * Above this many significant digits an amount is refused before it is even stripped
	 * of its trailing zeros: stripping is quadratic in the digits, and no amount we store
	 * needs more than nineteen.
	 */
	private static final int MAX_PRECISION = 40;

	public Money {
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(currency, "currency");
		String problem = outOfBounds(amount);
		if (problem != null) {
			// Not the amount itself: printing 1E+999999999 in full is what this check is
			// there to prevent.
			throw new IllegalArgumentException("The amount " + problem);
		}
		BigDecimal stripped = amount.stripTrailingZeros();
		int minorDigits = Math.max(currency.getDefaultFractionDigits(), 0);
		amount = stripped.setScale(Math.max(minorDigits, Math.max(stripped.scale(), 0)), RoundingMode.UNNECESSARY);
	}

	/**
	 * Why {@code amount} cannot be money we store, or {@code null} when it can: at most
	 * {@value #MAX_INTEGER_DIGITS} digits before the point and {@value #MAX_SCALE} after
	 * it (trailing zeros aside). Only the digit count and the scale are looked at, never
	 * the value expanded, so {@code 1E+999999999} and {@code 1E-999999999} are refused in
	 * constant time and memory rather than expanded to a billion digits.
	 */
	public static String outOfBounds(BigDecimal amount) {
		if (amount.precision() > MAX_PRECISION) {
			return "must have at most " + MAX_INTEGER_DIGITS + " digits before the point and " + MAX_SCALE + " after";
		}
		BigDecimal stripped = amount.stripTrailingZeros();
		long integerDigits = (long) stripped.precision() - stripped.scale();
		if (integerDigits > MAX_INTEGER_DIGITS || stripped.scale() > MAX_SCALE) {
			return "must have at most " + MAX_INTEGER_DIGITS + " digits before the point and " + MAX_SCALE + " after";
		}
		return null;
	}

	public static Money zero(Currency currency) {
		return new Money(BigDecimal.ZERO, currency);
	}

	public static Money of(String amount, String currency) {
		return new Money(new BigDecimal(amount), Currency.getInstance(currency));
	}

	public boolean isNegative() {
		return this.amount.signum() < 0;
	}

}
