package dev.portico.platform.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderTextTest {

	@Test
	void everyCharacterIsJudgedAsSpringSecuritysFirewallJudgesIt() {
		for (int c = 0; c <= Character.MAX_VALUE; c++) {
			String text = "a" + (char) c + "b";
			agree(text);
		}
	}

	@Test
	void textBeyondTheBasicPlaneIsJudgedByCodePoint() {
		List<String> samples = List.of("\ud83d\ude00", "x\ud83d\ude00y", "\ud83d", "\ude00", "\ud83dx", "\udb40\udc01",
				new String(Character.toChars(0xE0080)), new String(Character.toChars(0x10FFFF)),
				new String(Character.toChars(0x2FFFF)), "", "Bearer eyJ.abc-_=", "tab\there", "bell\u0007");
		samples.forEach(HeaderTextTest::agree);
	}

	@Test
	void aHeaderThatWasNotSentIsNoReasonToRefuse() {
		assertThat(HeaderText.NAMES.test(null))
			.isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(null))
			.isTrue();
		assertThat(HeaderText.VALUES.test(null))
			.isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(null))
			.isTrue();
	}

	private static void agree(String text) {
		assertThat(HeaderText.NAMES.test(text)).as("name %s", codes(text))
			.isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text));
		assertThat(HeaderText.VALUES.test(text)).as("value %s", codes(text))
			.isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text));
	}

	private static String codes(String text) {
		return text.chars().mapToObj((c) -> String.format("U+%04X", c)).toList().toString();
	}

}
