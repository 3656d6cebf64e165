package dev.portico.platform.money;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTest {

	@Test
	void amountsShowAtLeastTheCurrencysMinorDigits() {
		assertThat(Money.of("125.4", "USD").amount()).isEqualTo(new BigDecimal("125.40"));
		assertThat(Money.of("125.4000", "EUR").amount()).isEqualTo(new BigDecimal("125.40"));
		assertThat(Money.of("7", "JPY").amount()).isEqualTo(new BigDecimal("7"));
		assertThat(Money.zero(Currency.getInstance("EUR")).amount().toPlainString()).isEqualTo("0.00");
	}

	@Test
	void subCentAmountsKeepTheirDigitsUpToTheStoredFour() {
		assertThat(Money.of("0.1234", "EUR").amount()).isEqualTo(new BigDecimal("0.1234"));
		assertThat(Money.of("1E+3", "EUR").amount().toPlainString()).isEqualTo("1000.00");
	}

	@Test
	void moreDigitsThanStoredAreRefusedRatherThanRounded() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("0.00001", "EUR"));
	}

	@Test
	void hugeExponentsAndDigitCountsAreRefusedWithoutExpandingThem() {
		assertThat(Money.outOfBounds(new BigDecimal("1E+999999999"))).isNotNull();
		assertThat(Money.outOfBounds(new BigDecimal("1e-999999999"))).isNotNull();
		assertThat(Money.outOfBounds(new BigDecimal("1" + "0".repeat(5000)))).isNotNull();
		assertThat(Money.outOfBounds(new BigDecimal("1000000000000000"))).as("sixteen digits").isNotNull();
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1E+999999999", "EUR"));
		assertThat(Money.outOfBounds(new BigDecimal("999999999999999.9999"))).isNull();
		assertThat(Money.outOfBounds(new BigDecimal("10.000000"))).as("trailing zeros aside").isNull();
		assertThat(Money.outOfBounds(new BigDecimal("1E+14"))).isNull();
	}

}
