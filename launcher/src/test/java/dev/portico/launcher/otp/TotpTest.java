package dev.portico.launcher.otp;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

	/** RFC 6238's SHA-1 key: the ASCII digits 1 to 0, twice. */
	private static final Totp RFC = Totp.ofStoredSecret("12345678901234567890");

	@Test
	void matchesTheSha1VectorsOfTheStandardCutToSixDigits() {
		// RFC 6238, appendix B: 94287082, 07081804, 14050471, 89005924, 69279037.
		assertThat(RFC.codeAt(Instant.ofEpochSecond(59))).isEqualTo("287082");
		assertThat(RFC.codeAt(Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
		assertThat(RFC.codeAt(Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
		assertThat(RFC.codeAt(Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
	}

	@Test
	void freshCodesAreNeverHandedOutTwice() {
		Totp totp = Totp.ofStoredSecret("12345678901234567890");
		long now = Instant.now().getEpochSecond() / 30;
		String first = totp.freshCode();
		String second = totp.freshCode();
		assertThat(first).isNotEqualTo(second);
		assertThat(first).isIn(totp.code(now - 1), totp.code(now), totp.code(now + 1));
	}

	@Test
	void base32RoundTripsAndIgnoresSpacesAndCase() {
		assertThat(RFC.base32()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		Totp decoded = Totp.ofBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq");
		assertThat(decoded.codeAt(Instant.ofEpochSecond(59))).isEqualTo("287082");
		assertThat(Totp.ofBase32(decoded.base32()).base32()).isEqualTo(RFC.base32());
	}

}
