package dev.portico.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokensTest {

	/**
	 * Spring Security's own rule (DefaultBearerTokenResolver,
	 * ServerBearerTokenAuthenticationConverter).
	 */
	private static final Pattern SPRING = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
			Pattern.CASE_INSENSITIVE);

	@Test
	void readsTheTokenOfTheBearerSchemeInAnyAsciiCase() {
		assertThat(BearerTokens.resolve("Bearer abc.DEF-1_2~3+4/5==")).isEqualTo("abc.DEF-1_2~3+4/5==");
		assertThat(BearerTokens.resolve("bearer abc")).isEqualTo("abc");
		assertThat(BearerTokens.resolve("BEARER abc")).isEqualTo("abc");
	}

	@Test
	void noHeaderOrAnotherSchemeIsNoToken() {
		assertThat(BearerTokens.resolve(null)).isNull();
		assertThat(BearerTokens.resolve("")).isNull();
		assertThat(BearerTokens.resolve("Basic YWxpY2U6c2VjcmV0")).isNull();
		assertThat(BearerTokens.resolve("Bear abc")).isNull();
	}

	@Test
	void aMalformedBearerHeaderIsAnInvalidToken() {
		for (String header : List.of("Bearer", "Bearer ", "Bearer  abc", "Bearer abc def", "Bearer abc=d", "Bearer =",
				"Bearer abc\n", "Bearer\tabc", "Bearerabc", "Bearer ab\u00e9c", "Bearer abc\u0000",
				"BEARER\u212a abc")) {
			assertThatThrownBy(() -> BearerTokens.resolve(header)).as(header)
				.isInstanceOfSatisfying(OAuth2AuthenticationException.class,
						(ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_token"));
		}
	}

	/**
	 * Thousands of near-miss headers: the loop and Spring Security's pattern agree on
	 * every one.
	 */
	@Test
	void agreesWithSpringSecuritysPatternOnRandomHeaders() {
		Random random = new Random(42);
		String alphabet = "aZ09-._~+/=  \t\n\u00e9\u212a\u0131\u017fBbEeAaRr";
		List<String> headers = new ArrayList<>();
		for (String prefix : List.of("Bearer ", "bEaReR ", "Bearer", "Bearer  ", "bearer=", "Beare ")) {
			for (int n = 0; n < 3000; n++) {
				StringBuilder header = new StringBuilder(prefix);
				int length = random.nextInt(12);
				for (int i = 0; i < length; i++) {
					header.append(alphabet.charAt(random.nextInt(alphabet.length())));
				}
				headers.add(header.toString());
			}
		}
		for (String header : headers) {
			Matcher spring = SPRING.matcher(header);
			boolean bearer = header.regionMatches(true, 0, "bearer", 0, 6);
			if (!bearer) {
				assertThat(BearerTokens.resolve(header)).as(header).isNull();
			}
			else if (spring.matches()) {
				assertThat(BearerTokens.resolve(header)).as(header).isEqualTo(spring.group("token"));
			}
			else {
				assertThatThrownBy(() -> BearerTokens.resolve(header)).as(header)
					.isInstanceOf(OAuth2AuthenticationException.class);
			}
		}
	}

	@Test
	void tokenCharactersAreExactlyThoseOfThePattern() {
		Pattern character = Pattern.compile("[a-zA-Z0-9-._~+/]", Pattern.CASE_INSENSITIVE);
		for (char c = 0; c < Character.MAX_VALUE; c++) {
			assertThat(BearerTokens.isTokenCharacter(c)).as("U+%04X", (int) c)
				.isEqualTo(character.matcher(String.valueOf(c)).matches());
		}
	}

}
