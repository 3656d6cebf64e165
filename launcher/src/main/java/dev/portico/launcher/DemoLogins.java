package dev.portico.launcher;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.portico.launcher.otp.Totp;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo users' credentials of the local run (never of a deployment). Ops always sign
 * in with a one-time code, so the demo ops user comes with an authenticator app already
 * set up: its key is below, for an authenticator app, for {@code ./portal otp}, for the
 * benchmarks and for the tests.
 */
public final class DemoLogins {

	public static final String OPS_USER = "ops";

	public static final String OPS_PASSWORD = "Ops#2026";

	/**
	 * The raw secret as Keycloak stores it; authenticator apps take
	 * {@link #OPS_AUTHENTICATOR}'s Base32 form.
	 */
	static final String OPS_TOTP_SECRET = "portico-demo-ops-key";

	/** One per JVM, so that sign-ins from the same process never spend a code twice. */
	public static final Totp OPS_AUTHENTICATOR = Totp.ofStoredSecret(OPS_TOTP_SECRET);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DemoLogins() {
	}

	/**
	 * The body of {@code POST /api/auth/login} for a demo user: the ops user adds a fresh
	 * one-time code.
	 */
	public static Map<String, String> loginBody(String username, String password) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("username", username);
		body.put("password", password);
		if (OPS_USER.equals(username)) {
			body.put("otp", OPS_AUTHENTICATOR.freshCode());
		}
		return body;
	}

	/**
	 * The same body as JSON, for clients without a JSON library of their own (the
	 * benchmarks).
	 */
	public static String loginJson(String username, String password) {
		return JSON.writeValueAsString(loginBody(username, password));
	}

}
