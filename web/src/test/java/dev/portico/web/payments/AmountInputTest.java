package dev.portico.web.payments;

import java.math.BigDecimal;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmountInputTest {

	@ParameterizedTest(name = "{0}: \"{1}\" is {2}")
	@CsvSource(delimiter = '|', textBlock = """
			en-US | 12.50       | 12.50
			en-US | 1,250.50    | 1250.50
			en-US | 1,250       | 1250
			en-US | 12,50       | 12.50
			en-US | 1250        | 1250
			en-US | ' 7.5 '     | 7.5
			de-DE | 12,50       | 12.50
			de-DE | 1.250,50    | 1250.50
			de-DE | 1.250       | 1250
			de-DE | 12.50       | 12.50
			de-DE | 1250.50     | 1250.50
			de-DE | 1.234.567,8 | 1234567.8
			fr-FR | 1 250,50    | 1250.50
			fr-FR | 1 250,50    | 1250.50
			fr-FR | 12,5        | 12.5
			de-CH | 1’250.50    | 1250.50
			""")
	void readsWhatCustomersTypeInTheirLocale(String locale, String typed, String amount) {
		assertThat(AmountInput.parse(typed, Locale.forLanguageTag(locale)))
			.isEqualByComparingTo(new BigDecimal(amount));
	}

	@ParameterizedTest(name = "{0}: \"{1}\" is not an amount")
	@CsvSource(delimiter = '|', textBlock = """
			en-US | ''
			en-US | abc
			en-US | 12.5.0
			en-US | 1,25,0.00
			en-US | 12,50.00
			de-DE | 1.25.000
			de-DE | 12,5,0
			en-US | -5
			en-US | 1e3
			""")
	void rejectsWhatIsNotClearlyAnAmount(String locale, String typed) {
		assertThatThrownBy(() -> AmountInput.parse(typed, Locale.forLanguageTag(locale)))
			.isInstanceOf(NumberFormatException.class);
	}

	@ParameterizedTest(name = "{0}: {1} shows as \"{2}\"")
	@CsvSource(delimiter = '|', textBlock = """
			en-US | 1250.50 | 1250.50
			de-DE | 1250.50 | 1250,50
			fr-FR | 0.05    | 0,05
			de-DE | 1.250   | 1,250
			en-US | 1.250   | 1.250
			""")
	void showsAnAmountAsTheReaderWritesIt(String locale, String amount, String shown) {
		assertThat(AmountInput.show(new BigDecimal(amount), Locale.forLanguageTag(locale))).isEqualTo(shown);
		assertThat(AmountInput.parse(shown, Locale.forLanguageTag(locale))).isEqualByComparingTo(amount);
	}

}
