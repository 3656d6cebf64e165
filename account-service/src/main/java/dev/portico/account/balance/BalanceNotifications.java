package dev.portico.account.balance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariDataSource;
import dev.portico.account.account.AccountService;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells every account-service replica that an account's balance changed, so that each
 * pushes it to the streams it holds — the replica that consumed the event is only one of
 * them. PostgreSQL's {@code NOTIFY} is sent in the transaction that changed the
 * projection and delivered only when it commits, so a listener never reads a balance
 * older than the notification; each replica listens on a connection of its own, outside
 * the pool.
 */
@Component
class BalanceNotifications implements SmartLifecycle {

	static final String CHANNEL = "portico_balance_changed";

	private static final Logger log = LoggerFactory.getLogger(BalanceNotifications.class);

	private static final Duration RECONNECT_WAIT = Duration.ofSeconds(2);

	private final JdbcClient jdbc;

	private final HikariDataSource dataSource;

	private final BalanceService balances;

	private final BalanceStreams streams;

	private final AccountService accounts;

	/**
	 * An account's parent is fixed when it is opened, so its ancestors are read once, not
	 * on every push: the push runs on the one thread that serves every balance change of
	 * this replica.
	 */
	private final Cache<UUID, List<UUID>> ancestors = Caffeine.newBuilder().maximumSize(10_000).build();

	private volatile boolean running;

	private volatile Thread listener;

	BalanceNotifications(JdbcClient jdbc, HikariDataSource dataSource, BalanceService balances, BalanceStreams streams,
			AccountService accounts) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.balances = balances;
		this.streams = streams;
	}

	/**
	 * Announces, on commit of the current transaction, that {@code accountId}'s balance
	 * changed because of {@code cause}.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void announce(UUID accountId, String cause) {
		this.jdbc.sql("SELECT pg_notify(:channel, :payload)")
			.param("channel", CHANNEL)
			.param("payload", accountId + " " + cause)
			.query((rs, row) -> Boolean.TRUE)
			.list();
	}

	@Override
	public void start() {
		this.running = true;
		this.listener = Thread.ofVirtual().name("balance-notifications").start(this::listen);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.listener;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = DriverManager.getConnection(this.dataSource.getJdbcUrl(),
					this.dataSource.getUsername(), this.dataSource.getPassword())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] received = notifications.getNotifications(10_000);
					if (received != null) {
						for (PGNotification notification : received) {
							pushSafely(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					// Streams miss pushes until the connection is back; their next
					// reconnect still starts with a fresh snapshot.
					log.warn("Balance notifications interrupted, listening again in {}: {}", RECONNECT_WAIT,
							ex.getMessage());
					sleep();
				}
			}
		}
	}

	/**
	 * One failed push must not end the listener: it is the only thread that pushes this
	 * replica's balance changes, and an exception escaping it once stopped every live
	 * update until a restart.
	 */
	private void pushSafely(String payload) {
		try {
			push(payload);
		}
		catch (RuntimeException ex) {
			log.warn("Could not push the balance change {}: {}", payload, ex.toString());
		}
	}

	/**
	 * To the account's own streams and to those of its ancestors, which watch the
	 * accounts below them too.
	 */
	private void push(String payload) {
		if (this.streams.openStreams() == 0) {
			return;
		}
		int space = payload.indexOf(' ');
		UUID accountId = UUID.fromString(payload.substring(0, space));
		List<UUID> watchers = new ArrayList<>(
				this.ancestors.get(accountId, (id) -> this.accounts.get(id).ancestorIds()));
		watchers.add(accountId);
		watchers.removeIf((watcher) -> this.streams.openStreams(watcher) == 0);
		if (!watchers.isEmpty()) {
			BalanceEvent event = BalanceEvent.of(this.balances.balanceOf(accountId), payload.substring(space + 1));
			watchers.forEach((watcher) -> this.streams.publishTo(watcher, event));
		}
	}

	private void sleep() {
		try {
			Thread.sleep(RECONNECT_WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
