package dev.portico.usage.testing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.events.account.AccountFeatures;
import dev.portico.events.account.AccountOpened;
import dev.portico.events.account.AccountsTopic;
import dev.portico.platform.security.AccountAccess;
import dev.portico.platform.security.access.LineageAccountAccess;
import dev.portico.test.ApiClient;
import dev.portico.test.LocalServer;
import dev.portico.test.MutableClock;
import dev.portico.test.ServiceApiTest;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.awaitility.Awaitility.await;

/**
 * usage-service over HTTP on real PostgreSQL and Kafka, with {@link TestAccounts} in
 * place of account-service for access checks and the clock fixed at {@link #NOW} (movable
 * per test).
 */
@Import(UsageApiTest.Infrastructure.class)
public abstract class UsageApiTest extends ServiceApiTest<ApiClient> {

	/** A Wednesday; with bill day 1 the current period is 2026-11. */
	public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	@Autowired
	protected TestAccounts accounts;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected KafkaTemplate<String, Object> kafka;

	@Override
	protected ApiClient client(LocalServer server, String token) {
		return new ApiClient(server, token);
	}

	@BeforeEach
	void fixClock() {
		this.clock.set(NOW);
	}

	/** A root account, known to usage-service with this bill day. */
	protected UUID open(int billDay) {
		return open(null, billDay);
	}

	/**
	 * An account below {@code parent} (a root if null), in the hierarchy and known to
	 * usage-service: its {@code AccountOpened} sent on the broker and consumed.
	 */
	protected UUID open(UUID parent, int billDay) {
		UUID id = this.accounts.add(parent);
		announce(id, parent, billDay);
		await().atMost(Duration.ofSeconds(20)).until(() -> known(id));
		return id;
	}

	/**
	 * Sends the {@code AccountOpened} of an account already in the hierarchy, without
	 * waiting for it.
	 */
	protected void announce(UUID id, UUID parent, int billDay) {
		AccountOpened opened = new AccountOpened(UUID.randomUUID(), this.clock.instant(), id, AccountOpened.VERSION,
				this.accounts.number(id), "Account " + this.accounts.number(id), "USD", billDay, parent, false,
				new AccountFeatures(true, true));
		this.kafka.send(AccountsTopic.NAME, id.toString(), opened).join();
	}

	/** An account in the hierarchy whose opening has not reached usage-service. */
	protected UUID unannounced(UUID parent) {
		return this.accounts.add(parent);
	}

	protected boolean known(UUID accountId) {
		return this.jdbc.sql("SELECT count(*) FROM usage_account WHERE account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single() == 1;
	}

	protected HttpResponse<String> ingest(List<?> records) {
		return this.ops.post("/api/usage/records", records);
	}

	/** A valid record as producers send it; change fields with {@link Map#put}. */
	protected static Map<String, Object> record(UUID accountId, String product, String identifier, String quantity,
			String unit, String occurredAt) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("recordId", UUID.randomUUID().toString());
		record.put("accountId", accountId.toString());
		record.put("product", product);
		record.put("usageIdentifier", identifier);
		record.put("quantity", quantity);
		record.put("unit", unit);
		record.put("occurredAt", occurredAt);
		return record;
	}

	protected long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Infrastructure {

		@Bean
		TestAccounts testAccounts() {
			return new TestAccounts();
		}

		@Bean
		AccountAccess testAccountAccess(TestAccounts accounts) {
			return new LineageAccountAccess(accounts);
		}

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(NOW);
		}

	}

}
