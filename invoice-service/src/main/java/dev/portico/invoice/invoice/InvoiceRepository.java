package dev.portico.invoice.invoice;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class InvoiceRepository {

	private static final String HEADER_COLUMNS = """
			id, number, account_id, issue_date, due_date, period_start, period_end, currency, subtotal, tax_rate, tax,
			total, amount_paid, balance, status, bill_to, issued_at, revision""";

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final JsonMapper json;

	InvoiceRepository(JdbcClient jdbc, JdbcTemplate batches, JsonMapper json) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.json = json;
	}

	public void insert(Invoice invoice) {
		this.jdbc.sql("""
				INSERT INTO invoice (id, number, account_id, issue_date, due_date, period_start, period_end, currency,
				                     subtotal, tax_rate, tax, total, amount_paid, balance, status, bill_to, issued_at)
				VALUES (:id, :number, :accountId, :issueDate, :dueDate, :periodStart, :periodEnd, :currency, :subtotal,
				        :taxRate, :tax, :total, :amountPaid, :balance, :status, CAST(:billTo AS jsonb), :issuedAt)""")
			.param("id", invoice.id())
			.param("number", invoice.number())
			.param("accountId", invoice.accountId())
			.param("issueDate", invoice.issueDate())
			.param("dueDate", invoice.dueDate())
			.param("periodStart", invoice.periodStart())
			.param("periodEnd", invoice.periodEnd())
			.param("currency", invoice.currency().getCurrencyCode())
			.param("subtotal", invoice.subtotal())
			.param("taxRate", invoice.taxRate())
			.param("tax", invoice.tax())
			.param("total", invoice.total())
			.param("amountPaid", invoice.amountPaid())
			.param("balance", invoice.balance())
			.param("status", invoice.status().name())
			.param("billTo", this.json.writeValueAsString(invoice.billTo()))
			.param("issuedAt", Timestamp.from(invoice.issuedAt()))
			.update();
		List<InvoiceLine> lines = invoice.lines();
		// One round trip for up to 1,000 lines instead of one each.
		this.batches.batchUpdate("""
				INSERT INTO invoice_line (invoice_id, line_no, description, product, charged_account_id,
				                          charged_account_number, quantity, unit_price, amount)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", lines, 1000, (statement, line) -> {
			statement.setObject(1, invoice.id());
			statement.setInt(2, lines.indexOf(line) + 1);
			statement.setString(3, line.description());
			statement.setString(4, line.product());
			statement.setObject(5, line.chargedAccountId());
			statement.setString(6, line.chargedAccountNumber());
			statement.setBigDecimal(7, line.quantity());
			statement.setBigDecimal(8, line.unitPrice());
			statement.setBigDecimal(9, line.amount());
		});
	}

	List<InvoiceSummary> list(UUID accountId, InvoiceListing listing, int page, int size) {
		return this.jdbc
			.sql("SELECT " + HEADER_COLUMNS + " FROM invoice WHERE account_id = :accountId AND "
					+ listing.status().condition + " ORDER BY " + listing.orderBy() + " LIMIT :size OFFSET :offset")
			.param("accountId", accountId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> InvoiceSummary.of(header(rs, List.of())))
			.list();
	}

	long count(UUID accountId, InvoiceListing listing) {
		return this.jdbc
			.sql("SELECT count(*) FROM invoice WHERE account_id = :accountId AND " + listing.status().condition)
			.param("accountId", accountId)
			.query(Long.class)
			.single();
	}

	/** The invoice without its lines: enough to answer a conditional request. */
	public Optional<Invoice> findHeader(UUID accountId, UUID invoiceId) {
		return this.jdbc.sql("SELECT " + HEADER_COLUMNS + " FROM invoice WHERE id = :id AND account_id = :accountId")
			.param("id", invoiceId)
			.param("accountId", accountId)
			.query((rs, row) -> header(rs, List.of()))
			.optional();
	}

	public Optional<Invoice> find(UUID accountId, UUID invoiceId) {
		return findHeader(accountId, invoiceId).map((header) -> header.withLines(lines(invoiceId)));
	}

	/** The latest issued invoice that is not void: by issue date, then number. */
	public Optional<UUID> findLatestId(UUID accountId) {
		return this.jdbc.sql("""
				SELECT id FROM invoice WHERE account_id = :accountId AND status <> 'VOID'
				ORDER BY issue_date DESC, number DESC LIMIT 1""")
			.param("accountId", accountId)
			.query(UUID.class)
			.optional();
	}

	List<AppliedPayment> payments(UUID invoiceId) {
		return this.jdbc.sql("""
				SELECT payment_id, amount, applied_at FROM invoice_payment WHERE invoice_id = :id
				ORDER BY applied_at, payment_id""")
			.param("id", invoiceId)
			.query((rs, row) -> new AppliedPayment(rs.getObject("payment_id", UUID.class), rs.getBigDecimal("amount"),
					rs.getTimestamp("applied_at").toInstant()))
			.list();
	}

	private List<InvoiceLine> lines(UUID invoiceId) {
		return this.jdbc.sql("""
				SELECT description, product, charged_account_id, charged_account_number, quantity, unit_price, amount
				FROM invoice_line WHERE invoice_id = :id ORDER BY line_no""")
			.param("id", invoiceId)
			.query((rs, row) -> new InvoiceLine(rs.getString("description"), rs.getString("product"),
					rs.getObject("charged_account_id", UUID.class), rs.getString("charged_account_number"),
					plain(rs.getBigDecimal("quantity")), plain(rs.getBigDecimal("unit_price")),
					rs.getBigDecimal("amount")))
			.list();
	}

	private Invoice header(ResultSet rs, List<InvoiceLine> lines) throws SQLException {
		BigDecimal taxRate = rs.getBigDecimal("tax_rate");
		return new Invoice(rs.getObject("id", UUID.class), rs.getString("number"),
				rs.getObject("account_id", UUID.class), rs.getObject("issue_date", LocalDate.class),
				rs.getObject("due_date", LocalDate.class), rs.getObject("period_start", LocalDate.class),
				rs.getObject("period_end", LocalDate.class), Currency.getInstance(rs.getString("currency")),
				rs.getBigDecimal("subtotal"), (taxRate != null) ? plain(taxRate) : null, rs.getBigDecimal("tax"),
				rs.getBigDecimal("total"), rs.getBigDecimal("amount_paid"), rs.getBigDecimal("balance"),
				InvoiceStatus.valueOf(rs.getString("status")),
				this.json.readValue(rs.getString("bill_to"), BillTo.class), rs.getTimestamp("issued_at").toInstant(),
				rs.getInt("revision"), lines);
	}

	/**
	 * {@code 2.500000} as {@code 2.5} and {@code 100.000000} as {@code 100}, never
	 * {@code 1E+2}.
	 */
	private static BigDecimal plain(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

}
