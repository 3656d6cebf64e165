package dev.portico.launcher.otp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * Time-based one-time codes (RFC 6238) as the realm's policy makes them: HMAC-SHA1, six
 * digits, 30-second steps. The local run's demo ops user, the benchmarks and the tests
 * sign in with them; an authenticator app computes the same codes from the key Keycloak
 * shows.
 */
public final class Totp {

	private static final long STEP_SECONDS = 30;

	private static final int DIGITS = 6;

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private final byte[] key;

	private long lastStep = Long.MIN_VALUE + 1;

	private Totp(byte[] key) {
		this.key = key.clone();
	}

	/**
	 * The key as Keycloak stores it: the raw secret string, whose UTF-8 bytes are the
	 * HMAC key.
	 */
	public static Totp ofStoredSecret(String secret) {
		return new Totp(secret.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The authenticator as Keycloak's admin API takes it in a new user's
	 * {@code credentials}: the raw secret and the realm's code policy, which this class
	 * computes codes by.
	 */
	public static Map<String, Object> keycloakCredential(String storedSecret, String label) {
		JsonMapper json = JsonMapper.builder().build();
		return Map.of("type", "otp", "userLabel", label, "secretData",
				json.writeValueAsString(Map.of("value", storedSecret)), "credentialData",
				json.writeValueAsString(Map.of("subType", "totp", "digits", DIGITS, "counter", 0, "period",
						STEP_SECONDS, "algorithm", "HmacSHA1")));
	}

	/** The key as an authenticator app takes it: Base32, spaces and case ignored. */
	public static Totp ofBase32(String encoded) {
		String text = encoded.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
		ByteBuffer bytes = ByteBuffer.allocate(text.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (char c : text.toCharArray()) {
			int value = BASE32.indexOf(c);
			if (value < 0) {
				throw new IllegalArgumentException("Not a Base32 key: " + encoded);
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				bytes.put((byte) (buffer >> (bits - 8)));
				bits -= 8;
			}
		}
		return new Totp(Arrays.copyOf(bytes.array(), bytes.position()));
	}

	/** The key in Base32, as an authenticator app's "enter a setup key" takes it. */
	public String base32() {
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : this.key) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
		}
		return out.toString();
	}

	/** The code of the 30-second step that holds this instant. */
	public String codeAt(Instant instant) {
		return code(Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS));
	}

	/**
	 * A code Keycloak accepts now that this object has not handed out before: Keycloak
	 * takes the steps before and after the current one too (one step of look-ahead), but
	 * each code only once, so a client that signs in several times a minute walks forward
	 * through them and waits for the clock when it has used them all.
	 */
	public synchronized String freshCode() {
		while (true) {
			long now = Math.floorDiv(Instant.now().getEpochSecond(), STEP_SECONDS);
			long step = Math.max(this.lastStep + 1, now - 1);
			if (step <= now + 1) {
				this.lastStep = step;
				return code(step);
			}
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the next one-time code", ex);
			}
		}
	}

	/**
	 * Six digits that are not a code Keycloak accepts now, to show that a wrong one is
	 * refused.
	 */
	public String wrongCode() {
		long now = Math.floorDiv(Instant.now().getEpochSecond(), STEP_SECONDS);
		// Two steps may share a code, so not Set.of, which refuses duplicates.
		Set<String> valid = new HashSet<>(List.of(code(now - 1), code(now), code(now + 1), code(now + 2)));
		int candidate = 0;
		while (valid.contains(String.format(Locale.ROOT, "%06d", candidate))) {
			candidate++;
		}
		return String.format(Locale.ROOT, "%06d", candidate);
	}

	String code(long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(this.key, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format(Locale.ROOT, "%0" + DIGITS + "d", binary % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is part of every JDK", ex);
		}
	}

}
