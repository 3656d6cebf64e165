package dev.portico.usage.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 4180 quoting, including the line breaks ingestion never lets through but the format
 * must survive.
 */
class UsageCsvTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'',
			value = { "plain|plain", "+1 206 555 0100|+1 206 555 0100", "a,b|'\"a,b\"'",
					"say \"hi\"|'\"say \"\"hi\"\"\"'", "'two\nlines'|'\"two\nlines\"'", "'cr\rlf'|'\"cr\rlf\"'" })
	void fieldsAreQuotedOnlyWhenTheyMustBe(String value, String expected) {
		assertThat(UsageCsv.field(value)).isEqualTo(expected);
	}

	@Test
	void theFileIsNamedAfterTheAccountAndPeriodWithNothingThatNeedsQuoting() {
		UsagePage page = new UsagePage("2026-11", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"),
				List.of(new UsagePage.Item("SMS", "+1", new BigDecimal("3"), "SMS")));

		UsageCsv.File file = UsageCsv.of("A-100 001/\"x\"", page);

		assertThat(file.name()).isEqualTo("usage-A-100_001__x_-2026-11.csv");
		assertThat(file.content()).isEqualTo("product,usageIdentifier,totalUsed,unit\r\nSMS,'+1,3,SMS\r\n");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false,
			value = { "=HYPERLINK(\"http://evil.test\")|'=HYPERLINK(\"http://evil.test\")",
					"+1 206 555 0100|'+1 206 555 0100", "-2+3|'-2+3", "@SUM(A1)|'@SUM(A1)", "\tcmd|'\tcmd",
					"plain = text|plain = text", "|" })
	void textThatASpreadsheetWouldRunAsAFormulaIsNeutralised(String value, String expected) {
		assertThat(UsageCsv.text(value == null ? "" : value)).isEqualTo(expected == null ? "" : expected);
	}

	@Test
	void aFormulaInARecordReachesTheFileAsText() {
		UsagePage page = new UsagePage("2026-11", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"),
				List.of(new UsagePage.Item("=cmd|' /C calc'!A0", "@x", new BigDecimal("-1.5"), "-GB")));

		assertThat(UsageCsv.of("A-1", page).content())
			.isEqualTo("product,usageIdentifier,totalUsed,unit\r\n'=cmd|' /C calc'!A0,'@x,-1.5,'-GB\r\n");
	}

}
