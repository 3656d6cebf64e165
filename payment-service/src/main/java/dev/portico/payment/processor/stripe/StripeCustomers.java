package dev.portico.payment.processor.stripe;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which Stripe customer stands for which account: one each, created the first time a card
 * is saved.
 */
interface StripeCustomers {

	Optional<String> of(UUID accountId);

	/** Records the account's customer; the first one recorded wins, and is returned. */
	String remember(UUID accountId, String customerId);

	final class Table implements StripeCustomers {

		private final JdbcClient jdbc;

		Table(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public Optional<String> of(UUID accountId) {
			return this.jdbc.sql("SELECT customer_id FROM stripe_customer WHERE account_id = :accountId")
				.param("accountId", accountId)
				.query(String.class)
				.optional();
		}

		@Override
		public String remember(UUID accountId, String customerId) {
			this.jdbc.sql("""
					INSERT INTO stripe_customer (account_id, customer_id) VALUES (:accountId, :customerId)
					ON CONFLICT (account_id) DO NOTHING""")
				.param("accountId", accountId)
				.param("customerId", customerId)
				.update();
			return of(accountId).orElseThrow();
		}

	}

	final class Memory implements StripeCustomers {

		private final Map<UUID, String> customers = new ConcurrentHashMap<>();

		@Override
		public Optional<String> of(UUID accountId) {
			return Optional.ofNullable(this.customers.get(accountId));
		}

		@Override
		public String remember(UUID accountId, String customerId) {
			return this.customers.computeIfAbsent(accountId, (id) -> customerId);
		}

	}

}
