package dev.portico.payment.processor.simulated;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.portico.payment.processor.PaymentProcessor.RefundOutcome;
import dev.portico.payment.processor.PaymentProcessor.RefundRequest;
import dev.portico.payment.processor.PaymentProcessor.SavedCard;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulated processor's memory of cards and refunds, in its own tables when it runs
 * in the service (each statement on its own: the processor is not part of our
 * transactions), in memory in unit tests.
 */
final class SimulatedBooks {

	private SimulatedBooks() {
	}

	/**
	 * Cards by token. A token belongs to the first account it is attached to, as at a
	 * real processor.
	 */
	interface Cards {

		void add(String token, SavedCard card);

		/**
		 * The card, now kept for {@code accountId}; empty when unknown, detached or
		 * another account's.
		 */
		Optional<SavedCard> attach(String token, UUID accountId);

		boolean belongsTo(String token, UUID accountId);

		void updateExpiry(String token, int expMonth, int expYear);

		void detach(String token);

	}

	/**
	 * Refunds by reference: a reference refunds once, and a charge never gives back more
	 * than it took.
	 */
	interface Refunds {

		RefundOutcome once(RefundRequest request, BigDecimal charged);

	}

	static final class MemoryCards implements Cards {

		private record Entry(SavedCard card, UUID accountId, boolean detached) {
		}

		private final Map<String, Entry> cards = new ConcurrentHashMap<>();

		@Override
		public void add(String token, SavedCard card) {
			this.cards.put(token, new Entry(card, null, false));
		}

		@Override
		public Optional<SavedCard> attach(String token, UUID accountId) {
			Entry entry = this.cards.computeIfPresent(token,
					(key, found) -> (found.accountId() == null && !found.detached())
							? new Entry(found.card(), accountId, false) : found);
			return (entry != null && accountId.equals(entry.accountId()) && !entry.detached())
					? Optional.of(entry.card()) : Optional.empty();
		}

		@Override
		public boolean belongsTo(String token, UUID accountId) {
			Entry entry = this.cards.get(token);
			return entry != null && !entry.detached() && accountId.equals(entry.accountId());
		}

		@Override
		public void updateExpiry(String token, int expMonth, int expYear) {
			this.cards.computeIfPresent(token,
					(key, found) -> new Entry(new SavedCard(found.card().brand(), found.card().last4(), expMonth,
							expYear, found.card().holderName()), found.accountId(), found.detached()));
		}

		@Override
		public void detach(String token) {
			this.cards.computeIfPresent(token, (key, found) -> new Entry(found.card(), found.accountId(), true));
		}

	}

	static final class MemoryRefunds implements Refunds {

		private final Map<String, RefundOutcome> outcomes = new ConcurrentHashMap<>();

		private final Map<String, BigDecimal> refunded = new ConcurrentHashMap<>();

		@Override
		public synchronized RefundOutcome once(RefundRequest request, BigDecimal charged) {
			RefundOutcome known = this.outcomes.get(request.reference());
			if (known != null) {
				return known;
			}
			BigDecimal before = this.refunded.getOrDefault(request.chargeId(), BigDecimal.ZERO);
			RefundOutcome outcome;
			if (before.add(request.amount()).compareTo(charged) > 0) {
				outcome = tooMuch();
			}
			else {
				this.refunded.put(request.chargeId(), before.add(request.amount()));
				outcome = new RefundOutcome.Refunded("re_sim_" + SimulatedProcessor.random());
			}
			this.outcomes.put(request.reference(), outcome);
			return outcome;
		}

	}

	static final class TableCards implements Cards {

		private final JdbcClient jdbc;

		TableCards(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public void add(String token, SavedCard card) {
			this.jdbc.sql("""
					INSERT INTO simulated_card (token, brand, last4, exp_month, exp_year, holder_name)
					VALUES (:token, :brand, :last4, :expMonth, :expYear, :holderName)""")
				.param("token", token)
				.param("brand", card.brand())
				.param("last4", card.last4())
				.param("expMonth", card.expMonth())
				.param("expYear", card.expYear())
				.param("holderName", card.holderName())
				.update();
		}

		@Override
		public Optional<SavedCard> attach(String token, UUID accountId) {
			this.jdbc.sql("""
					UPDATE simulated_card SET account_id = :accountId
					WHERE token = :token AND account_id IS NULL AND NOT detached""")
				.param("token", token)
				.param("accountId", accountId)
				.update();
			return this.jdbc.sql("""
					SELECT brand, last4, exp_month, exp_year, holder_name FROM simulated_card
					WHERE token = :token AND account_id = :accountId AND NOT detached""")
				.param("token", token)
				.param("accountId", accountId)
				.query((rs, row) -> new SavedCard(rs.getString("brand"), rs.getString("last4"), rs.getInt("exp_month"),
						rs.getInt("exp_year"), rs.getString("holder_name")))
				.optional();
		}

		@Override
		public boolean belongsTo(String token, UUID accountId) {
			return this.jdbc
				.sql("SELECT count(*) FROM simulated_card WHERE token = :token AND account_id = :accountId "
						+ "AND NOT detached")
				.param("token", token)
				.param("accountId", accountId)
				.query(Integer.class)
				.single() > 0;
		}

		@Override
		public void updateExpiry(String token, int expMonth, int expYear) {
			this.jdbc.sql("UPDATE simulated_card SET exp_month = :m, exp_year = :y WHERE token = :token")
				.param("m", expMonth)
				.param("y", expYear)
				.param("token", token)
				.update();
		}

		@Override
		public void detach(String token) {
			this.jdbc.sql("UPDATE simulated_card SET detached = TRUE WHERE token = :token")
				.param("token", token)
				.update();
		}

	}

	static final class TableRefunds implements Refunds {

		private final JdbcClient jdbc;

		TableRefunds(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public RefundOutcome once(RefundRequest request, BigDecimal charged) {
			// One statement: refunded only while the charge's refunds stay within what it
			// took.
			this.jdbc.sql("""
					INSERT INTO simulated_refund (reference, charge_id, refund_id, amount)
					SELECT :reference, :chargeId, :refundId, :amount
					WHERE (SELECT COALESCE(sum(amount), 0) FROM simulated_refund WHERE charge_id = :chargeId)
					      + :amount <= :charged
					ON CONFLICT (reference) DO NOTHING""")
				.param("reference", request.reference())
				.param("chargeId", request.chargeId())
				.param("refundId", "re_sim_" + SimulatedProcessor.random())
				.param("amount", request.amount())
				.param("charged", charged)
				.update();
			return this.jdbc.sql("SELECT refund_id FROM simulated_refund WHERE reference = :reference")
				.param("reference", request.reference())
				.query(String.class)
				.optional()
				.map((id) -> (RefundOutcome) new RefundOutcome.Refunded(Objects.requireNonNull(id)))
				.orElseGet(SimulatedBooks::tooMuch);
		}

	}

	private static RefundOutcome tooMuch() {
		return new RefundOutcome.Refused("amount_too_large", "The refunds would exceed what the charge took.");
	}

}
