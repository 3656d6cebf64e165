package dev.portico.account.balance;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.account.config.AccountsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open balance streams of this instance, by account, so that a balance change can be
 * pushed to everyone watching that account. Bounded overall and per user and account (so
 * that nobody else watching an account, a parent's user or ops, can take a customer's
 * places); a stream leaves the registry when it completes, times out or fails, and a
 * periodic heartbeat finds clients that went away without closing. A stream ends when the
 * token that opened it expires (the client reconnects with a current token), and when the
 * session of that token ends: every {@code session-check} the sessions of the open
 * streams are checked with Keycloak, so a stream outlives a logout, a password reset or
 * an administrator ending the session by that interval at most (a token Keycloak will not
 * answer about, of a realm older than this check, ends with its expiry only).
 */
@Component
public class BalanceStreams implements SmartLifecycle {

	static final String EVENT_NAME = "balance";

	private static final Logger log = LoggerFactory.getLogger(BalanceStreams.class);

	private final ConcurrentMap<UUID, Set<SseEmitter>> byAccount = new ConcurrentHashMap<>();

	private final AtomicInteger open = new AtomicInteger();

	/** Open streams per user and account ({@code subject + "\n" + account}). */
	private final ConcurrentMap<String, AtomicInteger> slots = new ConcurrentHashMap<>();

	private final Clock clock;

	private final AccountsProperties.Streams limits;

	private final ScheduledExecutorService heartbeats;

	/**
	 * Apart from the heartbeats: a slow Keycloak delays the session checks, never a
	 * heartbeat.
	 */
	private final ScheduledExecutorService sessionChecks;

	/**
	 * The session of each open stream: its key (Keycloak's {@code sid}, else the token)
	 * and a token of it.
	 */
	private final ConcurrentMap<SseEmitter, StreamSession> sessions = new ConcurrentHashMap<>();

	private final SessionStatus sessionStatus;

	private volatile boolean running;

	BalanceStreams(AccountsProperties properties, SessionStatus sessionStatus, ObjectProvider<MeterRegistry> meters,
			Clock clock) {
		this.limits = properties.streams();
		this.sessionStatus = sessionStatus;
		this.clock = clock;
		this.heartbeats = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("balance-heartbeat").factory());
		long every = this.limits.heartbeat().toMillis();
		this.heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
		long check = this.limits.sessionCheck().toMillis();
		this.sessionChecks = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("balance-session-check").factory());
		this.sessionChecks.scheduleWithFixedDelay(this::endStreamsOfEndedSessions, check, check, TimeUnit.MILLISECONDS);
		meters.ifAvailable((registry) -> Gauge.builder("portico.balance.streams.open", this.open, AtomicInteger::get)
			.description("Open balance event streams")
			.register(registry));
	}

	/**
	 * Opens a stream of {@code accountId} for the user {@code subject} whose first event
	 * is {@code snapshot}; it ends at {@code tokenExpiresAt} at the latest, or sooner
	 * when the session {@code session} ends.
	 */
	SseEmitter open(UUID accountId, String subject, Instant tokenExpiresAt, StreamSession session,
			BalanceEvent snapshot) {
		long untilExpiry = (tokenExpiresAt != null)
				? Math.max(1000, Duration.between(this.clock.instant(), tokenExpiresAt).toMillis()) : Long.MAX_VALUE;
		long timeout = Math.min(this.limits.timeout().toMillis(), untilExpiry);
		SseEmitter emitter = register(accountId, subject, new SseEmitter(timeout));
		if (this.sessionStatus.canTell(session.audience())) {
			this.sessions.put(emitter, session);
		}
		send(accountId, emitter, SseEmitter.event().name(EVENT_NAME).data(snapshot, MediaType.APPLICATION_JSON));
		return emitter;
	}

	/**
	 * Asks Keycloak once per session of the open streams whether it still holds, and ends
	 * the streams of those that do not. When Keycloak cannot say, the streams stay: they
	 * end with their token anyway.
	 */
	void endStreamsOfEndedSessions() {
		Map<String, List<Map.Entry<SseEmitter, StreamSession>>> bySession = new HashMap<>();
		this.sessions.entrySet()
			.forEach((open) -> bySession.computeIfAbsent(open.getValue().key(), (key) -> new ArrayList<>()).add(open));
		int unknown = 0;
		for (List<Map.Entry<SseEmitter, StreamSession>> streams : bySession.values()) {
			try {
				if (this.sessionStatus.ended(streams.get(0).getValue().accessToken())) {
					streams.forEach((stream) -> {
						this.sessions.remove(stream.getKey());
						stream.getKey().complete();
					});
				}
			}
			catch (RuntimeException ex) {
				unknown++;
			}
		}
		if (unknown > 0) {
			log.warn("Could not check {} session(s) of open balance streams with Keycloak; they end with their tokens",
					unknown);
		}
	}

	/**
	 * Counts {@code emitter} among the account's open streams and the user's places
	 * there, within the limits.
	 */
	SseEmitter register(UUID accountId, String subject, SseEmitter emitter) {
		if (this.open.incrementAndGet() > this.limits.maxOpen()) {
			this.open.decrementAndGet();
			throw TooManyStreams.onInstance();
		}
		String slot = subject + "\n" + accountId;
		AtomicInteger taken = this.slots.computeIfAbsent(slot, (key) -> new AtomicInteger());
		if (taken.incrementAndGet() > this.limits.maxPerAccount()) {
			release(slot);
			this.open.decrementAndGet();
			throw TooManyStreams.forAccount();
		}
		this.byAccount.computeIfAbsent(accountId, (id) -> ConcurrentHashMap.newKeySet()).add(emitter);
		AtomicBoolean removed = new AtomicBoolean();
		Runnable remove = () -> {
			if (removed.compareAndSet(false, true)) {
				release(slot);
				remove(accountId, emitter);
				this.sessions.remove(emitter);
			}
		};
		emitter.onCompletion(remove);
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> remove.run());
		return emitter;
	}

	private void release(String slot) {
		this.slots.computeIfPresent(slot, (key, taken) -> (taken.decrementAndGet() <= 0) ? null : taken);
	}

	/** Pushes a balance change to every stream of the account on this instance. */
	public void publish(BalanceEvent event) {
		publishTo(event.accountId(), event);
	}

	/**
	 * Pushes a balance change of {@code event.accountId()} to the streams of
	 * {@code streamAccountId}: the account's own, or an ancestor's, whose page lists its
	 * children's balances.
	 */
	void publishTo(UUID streamAccountId, BalanceEvent event) {
		for (SseEmitter emitter : List.copyOf(this.byAccount.getOrDefault(streamAccountId, Set.of()))) {
			send(streamAccountId, emitter, SseEmitter.event().name(EVENT_NAME).data(event, MediaType.APPLICATION_JSON));
		}
	}

	/**
	 * The session a stream belongs to.
	 *
	 * @param key what identifies the session: Keycloak's {@code sid} claim, or the token
	 * itself where there is none
	 * @param accessToken a token of the session, for asking Keycloak about it; never
	 * logged
	 * @param audience the token's audience, which decides whether Keycloak will answer
	 * about it
	 */
	record StreamSession(String key, String accessToken, List<String> audience) {

		static StreamSession of(String sid, String accessToken, List<String> audience) {
			return new StreamSession((sid != null && !sid.isBlank()) ? sid : accessToken, accessToken,
					(audience != null) ? List.copyOf(audience) : List.of());
		}

		@Override
		public String toString() {
			return "StreamSession[]";
		}

	}

	int openStreams() {
		return this.open.get();
	}

	int openStreams(UUID accountId) {
		return this.byAccount.getOrDefault(accountId, Set.of()).size();
	}

	void heartbeat() {
		this.byAccount.forEach((accountId, emitters) -> {
			for (SseEmitter emitter : List.copyOf(emitters)) {
				send(accountId, emitter, SseEmitter.event().comment("heartbeat"));
			}
		});
	}

	private void send(UUID accountId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away or the stream already ended: drop it now rather than
			// at the next timeout.
			remove(accountId, emitter);
			this.sessions.remove(emitter);
			try {
				emitter.completeWithError(ex);
			}
			catch (RuntimeException alreadyEnded) {
				// The container had ended the request already (Tomcat refuses an async
				// dispatch after its own error handling). Nothing is left to end, and a
				// push to the other streams must go on.
			}
		}
	}

	private void remove(UUID accountId, SseEmitter emitter) {
		this.byAccount.computeIfPresent(accountId, (id, emitters) -> {
			if (emitters.remove(emitter)) {
				this.open.decrementAndGet();
			}
			return emitters.isEmpty() ? null : emitters;
		});
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Ends every stream when the application stops, so that clients reconnect to another
	 * instance at once and the web server's graceful shutdown, which waits for open
	 * requests, is not held up by streams that never end.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.heartbeats.shutdownNow();
		this.sessionChecks.shutdownNow();
		this.byAccount.values().forEach((emitters) -> List.copyOf(emitters).forEach(SseEmitter::complete));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops before the web server's graceful shutdown (which stops in a lower phase). */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
