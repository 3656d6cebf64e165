package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.portico.payment.processor.ProcessorDispute;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Disputes (chargebacks) the processor tells us of, kept beside their payment for
 * operations staff, who answer them at the processor. A dispute does not change the
 * payment or the balance here: the money moves only if the provider loses it, which the
 * processor reports as a refund.
 */
@Component
class Disputes {

	private static final Logger log = LoggerFactory.getLogger(Disputes.class);

	private final JdbcClient jdbc;

	private final ObjectProvider<MeterRegistry> meters;

	Disputes(JdbcClient jdbc, ObjectProvider<MeterRegistry> meters) {
		this.jdbc = jdbc;
		this.meters = meters;
	}

	@EventListener
	void onDispute(ProcessorDispute dispute) {
		List<UUID> payments = this.jdbc.sql("SELECT id FROM payment WHERE charge_id = :chargeId")
			.param("chargeId", dispute.chargeId())
			.query(UUID.class)
			.list();
		if (payments.isEmpty()) {
			log.warn("Dispute {} is for charge {}, which is no payment of ours", dispute.disputeId(),
					dispute.chargeId());
			return;
		}
		int added = this.jdbc.sql("""
				INSERT INTO payment_dispute (dispute_id, payment_id, amount, currency, reason, status)
				VALUES (:disputeId, :paymentId, :amount, :currency, :reason, :status)
				ON CONFLICT (dispute_id) DO UPDATE SET status = EXCLUDED.status""")
			.param("disputeId", dispute.disputeId())
			.param("paymentId", payments.get(0))
			.param("amount", dispute.amount())
			.param("currency", dispute.currency().getCurrencyCode())
			.param("reason", dispute.reason())
			.param("status", dispute.status())
			.update();
		if (added == 1) {
			log.warn("Payment {} is disputed ({}, {} {}): answer it at the processor", payments.get(0),
					dispute.reason(), dispute.amount(), dispute.currency());
			this.meters.ifAvailable((registry) -> registry.counter("portico.payments.disputes").increment());
		}
	}

	List<Dispute> recent(int limit) {
		return this.jdbc.sql("""
				SELECT d.dispute_id, d.payment_id, p.account_id, d.amount, d.currency, d.reason, d.status, d.created_at
				FROM payment_dispute d JOIN payment p ON p.id = d.payment_id
				ORDER BY d.created_at DESC LIMIT :limit""")
			.param("limit", limit)
			.query((rs, row) -> new Dispute(rs.getString("dispute_id"), rs.getObject("payment_id", UUID.class),
					rs.getObject("account_id", UUID.class), rs.getBigDecimal("amount"), rs.getString("currency"),
					rs.getString("reason"), rs.getString("status"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	record Dispute(String disputeId, UUID paymentId, UUID accountId, BigDecimal amount, String currency, String reason,
			String status, Instant createdAt) {
	}

}
