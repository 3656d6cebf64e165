package dev.portico.auth.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.portico.auth.config.AuthProperties;
import dev.portico.auth.keycloak.AccountLocked;

import org.springframework.stereotype.Component;

/**
 * The lockout of a user name at one client address: after {@code failures-before-lockout}
 * wrong passwords from an address, that name is locked there for {@code lockout-wait},
 * doubling with each further lockout up to {@code max-lockout}. Counted here, before and
 * without Keycloak, so a name that does not exist is locked exactly like one that does
 * (the answers tell nothing about which names exist), and a stranger elsewhere cannot
 * lock a customer out: the customer's own address keeps its own count.
 */
@Component
public class FailedLogins {

	/** After this long without a failure, a name's count at an address starts again. */
	private static final Duration FORGET_AFTER = Duration.ofHours(12);

	private final int failuresBeforeLockout;

	private final Duration lockoutWait;

	private final Duration maxLockout;

	private final Clock clock;

	private final Map<String, State> states;

	FailedLogins(AuthProperties properties, Clock clock) {
		this.failuresBeforeLockout = properties.failuresBeforeLockout();
		this.lockoutWait = properties.lockoutWait();
		this.maxLockout = properties.maxLockout();
		this.clock = clock;
		int maxKeys = properties.rateLimits().maxKeys();
		// Least recently touched first out: memory stays bounded however many names and
		// addresses are tried.
		this.states = new LinkedHashMap<>(1024, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
				return size() > maxKeys;
			}
		};
	}

	/** {@link AccountLocked} while the name is locked at this address. */
	public synchronized void checkNotLocked(String username, String clientAddress) {
		State state = this.states.get(AttemptLimits.atAddress(username, clientAddress));
		Instant now = this.clock.instant();
		if (state != null && state.lockedUntil() != null && now.isBefore(state.lockedUntil())) {
			throw locked(state.lockedUntil(), now);
		}
	}

	/**
	 * Counts a wrong password; {@link AccountLocked} if it was the one that locked the
	 * name here.
	 */
	public synchronized void failed(String username, String clientAddress) {
		String key = AttemptLimits.atAddress(username, clientAddress);
		Instant now = this.clock.instant();
		State state = this.states.get(key);
		if (state == null || state.lastFailure().plus(FORGET_AFTER).isBefore(now)) {
			state = new State(0, 0, null, now);
		}
		int failures = state.failures() + 1;
		if (failures < this.failuresBeforeLockout) {
			this.states.put(key, new State(failures, state.lockouts(), state.lockedUntil(), now));
			return;
		}
		int lockouts = state.lockouts() + 1;
		Duration wait = this.lockoutWait.multipliedBy(1L << Math.min(lockouts - 1, 20));
		Instant until = now.plus((wait.compareTo(this.maxLockout) > 0) ? this.maxLockout : wait);
		this.states.put(key, new State(0, lockouts, until, now));
		throw locked(until, now);
	}

	/** A successful login forgets the name's failures at this address. */
	public synchronized void succeeded(String username, String clientAddress) {
		this.states.remove(AttemptLimits.atAddress(username, clientAddress));
	}

	/**
	 * Lifts the name's lockouts at every address (the user proved control of the
	 * mailbox).
	 */
	public synchronized void forget(String... usernames) {
		for (String username : usernames) {
			if (username != null) {
				String prefix = AttemptLimits.atAddress(username, "");
				this.states.keySet().removeIf((key) -> key.startsWith(prefix));
			}
		}
	}

	private static AccountLocked locked(Instant until, Instant now) {
		return new AccountLocked(Math.max(1, Duration.between(now, until).toSeconds()));
	}

	private record State(int failures, int lockouts, Instant lockedUntil, Instant lastFailure) {
	}

}
