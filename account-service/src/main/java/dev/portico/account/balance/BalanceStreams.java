package dev.portico.account.balance;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.account.config.AccountsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open balance streams of this instance, by account, so that a balance change can be pushed to everyone
 * watching that account. Bounded overall and per account; a stream leaves the registry when it completes, times out
 * or fails, and a periodic heartbeat finds clients that went away without closing.
 */
@Component
public class BalanceStreams implements SmartLifecycle {

	static final String EVENT_NAME = "balance";

	private final ConcurrentMap<UUID, Set<SseEmitter>> byAccount = new ConcurrentHashMap<>();

	private final AtomicInteger open = new AtomicInteger();

	private final AccountsProperties.Streams limits;

	private final ScheduledExecutorService heartbeats;

	private volatile boolean running;

	BalanceStreams(AccountsProperties properties, ObjectProvider<MeterRegistry> meters) {
		this.limits = properties.streams();
		this.heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("balance-heartbeat").factory());
		long every = this.limits.heartbeat().toMillis();
		this.heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
		meters.ifAvailable((registry) -> Gauge.builder("portico.balance.streams.open", this.open, AtomicInteger::get)
			.description("Open balance event streams")
			.register(registry));
	}

	/** Opens a stream for {@code accountId} whose first event is {@code snapshot}. */
	SseEmitter open(UUID accountId, BalanceEvent snapshot) {
		SseEmitter emitter = register(accountId, new SseEmitter(this.limits.timeout().toMillis()));
		send(accountId, emitter, SseEmitter.event().name(EVENT_NAME).data(snapshot, MediaType.APPLICATION_JSON));
		return emitter;
	}

	/** Counts {@code emitter} among the account's open streams, within the limits. */
	SseEmitter register(UUID accountId, SseEmitter emitter) {
		if (this.open.incrementAndGet() > this.limits.maxOpen()) {
			this.open.decrementAndGet();
			throw TooManyStreams.onInstance();
		}
		try {
			this.byAccount.compute(accountId, (id, emitters) -> {
				Set<SseEmitter> set = (emitters != null) ? emitters : ConcurrentHashMap.newKeySet();
				if (set.size() >= this.limits.maxPerAccount()) {
					throw TooManyStreams.forAccount();
				}
				set.add(emitter);
				return set;
			});
		}
		catch (TooManyStreams ex) {
			this.open.decrementAndGet();
			throw ex;
		}
		emitter.onCompletion(() -> remove(accountId, emitter));
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> remove(accountId, emitter));
		return emitter;
	}

	/** Pushes a balance change to every stream of the account on this instance. */
	public void publish(BalanceEvent event) {
		publishTo(event.accountId(), event);
	}

	/**
	 * Pushes a balance change of {@code event.accountId()} to the streams of {@code streamAccountId}: the account's
	 * own, or an ancestor's, whose page lists its children's balances.
	 */
	void publishTo(UUID streamAccountId, BalanceEvent event) {
		for (SseEmitter emitter : List.copyOf(this.byAccount.getOrDefault(streamAccountId, Set.of()))) {
			send(streamAccountId, emitter,
					SseEmitter.event().name(EVENT_NAME).data(event, MediaType.APPLICATION_JSON));
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
			// The client went away or the stream already ended: drop it now rather than at the next timeout.
			remove(accountId, emitter);
			try {
				emitter.completeWithError(ex);
			}
			catch (RuntimeException alreadyEnded) {
				// The container had ended the request already (Tomcat refuses an async dispatch after its own error
				// handling). Nothing is left to end, and a push to the other streams must go on.
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
	 * Ends every stream when the application stops, so that clients reconnect to another instance at once and the
	 * web server's graceful shutdown, which waits for open requests, is not held up by streams that never end.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.heartbeats.shutdownNow();
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
