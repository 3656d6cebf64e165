package dev.portico.auth.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import dev.portico.auth.config.AuthProperties;
import dev.portico.platform.web.ratelimit.ClientAddresses;
import dev.portico.platform.web.ratelimit.KeyedTokenBucket;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Rate limits of the endpoints a password guesser or a mail bomber would use: login per
 * client address and per user name at a client address (so that nobody elsewhere can
 * spend a customer's attempts), forgot-password per user name and per client address.
 * Both buckets are checked before Keycloak is asked, so a refused attempt costs Keycloak
 * nothing and never counts towards a user's lockout.
 */
@Component
public class AttemptLimits {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final KeyedTokenBucket<String> loginPerUsername;

	private final KeyedTokenBucket<String> loginPerAddress;

	private final KeyedTokenBucket<String> forgotPerUsername;

	private final KeyedTokenBucket<String> forgotPerAddress;

	private final ClientAddresses clientAddresses;

	AttemptLimits(AuthProperties properties, Clock clock) {
		AuthProperties.RateLimits limits = properties.rateLimits();
		this.loginPerUsername = new KeyedTokenBucket<>(limits.loginPerUsername(), MINUTE, limits.maxKeys(), clock);
		this.loginPerAddress = new KeyedTokenBucket<>(limits.loginPerAddress(), MINUTE, limits.maxKeys(), clock);
		this.forgotPerUsername = new KeyedTokenBucket<>(limits.forgotPerUsername(), MINUTE, limits.maxKeys(), clock);
		this.forgotPerAddress = new KeyedTokenBucket<>(limits.forgotPerAddress(), MINUTE, limits.maxKeys(), clock);
		this.clientAddresses = new ClientAddresses(properties.trustedProxies());
	}

	/**
	 * The client address of a request, trusting {@code X-Forwarded-For} only from
	 * configured proxies.
	 */
	public String clientAddress(HttpServletRequest request) {
		return this.clientAddresses.resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
	}

	public void checkLogin(String username, String clientAddress) {
		check(this.loginPerAddress, clientAddress);
		check(this.loginPerUsername, atAddress(username, clientAddress));
	}

	/** A successful login forgives the user name's earlier attempts from that address. */
	public void loginSucceeded(String username, String clientAddress) {
		this.loginPerUsername.reset(atAddress(username, clientAddress));
	}

	public void checkForgot(String usernameOrEmail, String clientAddress) {
		check(this.forgotPerAddress, clientAddress);
		check(this.forgotPerUsername, key(usernameOrEmail));
	}

	private static void check(KeyedTokenBucket<String> bucket, String key) {
		KeyedTokenBucket.Decision decision = bucket.tryAcquire(key);
		if (!decision.allowed()) {
			throw new TooManyRequests(decision.retryAfterSeconds());
		}
	}

	/**
	 * A user name at one client address, as the login limits and {@link FailedLogins}
	 * count it.
	 */
	static String atAddress(String username, String clientAddress) {
		return key(username) + "\n" + clientAddress;
	}

	/** Keycloak matches user names and e-mails case-insensitively; so must the limits. */
	static String key(String username) {
		return username.strip().toLowerCase(Locale.ROOT);
	}

}
