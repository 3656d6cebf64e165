package dev.portico.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in a currency. Amounts keep at least the currency's minor digits ({@code 125.4} USD is {@code 125.40})
 * and at most the four the database stores, so that nothing rounds silently on the way in or out.
 */
public record Money(BigDecimal amount, Currency currency) {

	/** Scale of {@code numeric(19,4)}, the money columns of every table. */
	public static final int MAX_SCALE = 4;

	public Money {
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(currency, "currency");
		BigDecimal stripped = amount.stripTrailingZeros();
		if (stripped.scale() > MAX_SCALE) {
			throw new IllegalArgumentException("At most " + MAX_SCALE + " decimal places: " + amount);
		}
		int minorDigits = Math.max(currency.getDefaultFractionDigits(), 0);
		amount = stripped.setScale(Math.max(minorDigits, Math.max(stripped.scale(), 0)), RoundingMode.UNNECESSARY);
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
