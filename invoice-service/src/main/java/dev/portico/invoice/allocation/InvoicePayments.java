package dev.portico.invoice.allocation;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applying money to invoices, and the credit left over from payments. Callers hold the
 * account's ledger lock.
 */
@Repository
public class InvoicePayments {

	private final JdbcClient jdbc;

	InvoicePayments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The account's open invoices in the order payments pay them: oldest due first, then
	 * issue date, then number.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<OpenInvoice> openOldestFirst(UUID accountId) {
		return this.jdbc.sql("""
				SELECT id, number, due_date, balance FROM invoice
				WHERE account_id = :accountId AND status IN ('OPEN', 'PARTIALLY_PAID')
				ORDER BY due_date, issue_date, number FOR UPDATE""")
			.param("accountId", accountId)
			.query((rs, row) -> new OpenInvoice(rs.getObject("id", UUID.class), rs.getString("number"),
					rs.getObject("due_date", LocalDate.class), rs.getBigDecimal("balance")))
			.list();
	}

	/**
	 * Applies {@code amount} (at most the invoice's balance) of {@code paymentId} to the
	 * invoice and returns its new open balance; moves its status and its revision, which
	 * the PDF's ETag follows.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	OpenInvoice apply(OpenInvoice invoice, UUID paymentId, BigDecimal amount, Instant at) {
		BigDecimal balance = this.jdbc.sql("""
				UPDATE invoice SET amount_paid = amount_paid + :amount, balance = balance - :amount,
				       status = CASE WHEN balance - :amount = 0 THEN 'PAID' ELSE 'PARTIALLY_PAID' END,
				       revision = revision + 1
				WHERE id = :id RETURNING balance""")
			.param("id", invoice.invoiceId())
			.param("amount", amount)
			.query(BigDecimal.class)
			.single();
		this.jdbc.sql("""
				INSERT INTO invoice_payment (invoice_id, payment_id, amount, applied_at)
				VALUES (:invoiceId, :paymentId, :amount, :at)""")
			.param("invoiceId", invoice.invoiceId())
			.param("paymentId", paymentId)
			.param("amount", amount)
			.param("at", Timestamp.from(at))
			.update();
		return new OpenInvoice(invoice.invoiceId(), invoice.number(), invoice.dueDate(), balance);
	}

	/** What is left of the payment's credit, locked; zero when it left none. */
	@Transactional(propagation = Propagation.MANDATORY)
	BigDecimal creditOf(UUID paymentId) {
		return this.jdbc.sql("SELECT remaining FROM payment_credit WHERE payment_id = :paymentId FOR UPDATE")
			.param("paymentId", paymentId)
			.query(BigDecimal.class)
			.optional()
			.orElse(BigDecimal.ZERO);
	}

	/** Where the payment's money went, the latest applied first, locked. */
	@Transactional(propagation = Propagation.MANDATORY)
	List<Applied> appliedLatestFirst(UUID paymentId) {
		return this.jdbc.sql("""
				SELECT ip.invoice_id, ip.amount, i.number, i.due_date FROM invoice_payment ip
				JOIN invoice i ON i.id = ip.invoice_id
				WHERE ip.payment_id = :paymentId
				ORDER BY ip.applied_at DESC, i.due_date DESC, i.number DESC FOR UPDATE""")
			.param("paymentId", paymentId)
			.query((rs, row) -> new Applied(rs.getObject("invoice_id", UUID.class), rs.getString("number"),
					rs.getObject("due_date", LocalDate.class), rs.getBigDecimal("amount")))
			.list();
	}

	/**
	 * Takes {@code amount} (at most what the payment applied to it) of the payment back
	 * from the invoice, which is open again by that much; returns its new open balance.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	OpenInvoice unapply(Applied applied, UUID paymentId, BigDecimal amount, Instant at) {
		BigDecimal balance = this.jdbc.sql("""
				UPDATE invoice SET amount_paid = amount_paid - :amount, balance = balance + :amount,
				       status = CASE WHEN amount_paid - :amount = 0 THEN 'OPEN' ELSE 'PARTIALLY_PAID' END,
				       revision = revision + 1
				WHERE id = :id RETURNING balance""")
			.param("id", applied.invoiceId())
			.param("amount", amount)
			.query(BigDecimal.class)
			.single();
		if (amount.compareTo(applied.amount()) == 0) {
			this.jdbc.sql("DELETE FROM invoice_payment WHERE invoice_id = :invoiceId AND payment_id = :paymentId")
				.param("invoiceId", applied.invoiceId())
				.param("paymentId", paymentId)
				.update();
		}
		else {
			this.jdbc.sql("""
					UPDATE invoice_payment SET amount = amount - :amount
					WHERE invoice_id = :invoiceId AND payment_id = :paymentId""")
				.param("invoiceId", applied.invoiceId())
				.param("paymentId", paymentId)
				.param("amount", amount)
				.update();
		}
		return new OpenInvoice(applied.invoiceId(), applied.number(), applied.dueDate(), balance);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void keepAsCredit(UUID accountId, UUID paymentId, String currency, BigDecimal amount, Instant at) {
		this.jdbc.sql("""
				INSERT INTO payment_credit (payment_id, account_id, currency, remaining, received_at)
				VALUES (:paymentId, :accountId, :currency, :amount, :at)""")
			.param("paymentId", paymentId)
			.param("accountId", accountId)
			.param("currency", currency)
			.param("amount", amount)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** The account's payments with credit left, oldest first, locked. */
	@Transactional(propagation = Propagation.MANDATORY)
	List<Credit> creditsOldestFirst(UUID accountId) {
		return this.jdbc.sql("""
				SELECT payment_id, remaining FROM payment_credit WHERE account_id = :accountId AND remaining > 0
				ORDER BY received_at, payment_id FOR UPDATE""")
			.param("accountId", accountId)
			.query((rs, row) -> new Credit(rs.getObject("payment_id", UUID.class), rs.getBigDecimal("remaining")))
			.list();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	BigDecimal spendCredit(UUID paymentId, BigDecimal amount) {
		return this.jdbc.sql("""
				UPDATE payment_credit SET remaining = remaining - :amount WHERE payment_id = :paymentId
				RETURNING remaining""")
			.param("paymentId", paymentId)
			.param("amount", amount)
			.query(BigDecimal.class)
			.single();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void reject(UUID accountId, UUID paymentId, BigDecimal amount, String currency, String reason, Instant at) {
		this.jdbc.sql("""
				INSERT INTO payment_rejected (payment_id, account_id, amount, currency, reason, received_at)
				VALUES (:paymentId, :accountId, :amount, :currency, :reason, :at) ON CONFLICT DO NOTHING""")
			.param("paymentId", paymentId)
			.param("accountId", accountId)
			.param("amount", amount)
			.param("currency", currency)
			.param("reason", reason)
			.param("at", Timestamp.from(at))
			.update();
	}

	public record OpenInvoice(UUID invoiceId, String number, LocalDate dueDate, BigDecimal balance) {
	}

	record Credit(UUID paymentId, BigDecimal remaining) {
	}

	/** What a payment applied to one invoice. */
	record Applied(UUID invoiceId, String number, LocalDate dueDate, BigDecimal amount) {
	}

}
