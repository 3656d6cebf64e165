package dev.portico.invoice.issue;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gapless invoice numbers per year of issue: {@code INV-2026-000123}. The counter row
 * stays locked until the issuing transaction ends, so that a rolled-back issue leaves no
 * hole; issues of one year therefore commit one at a time.
 */
@Repository
class InvoiceNumbers {

	private final JdbcClient jdbc;

	InvoiceNumbers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	String next(int year) {
		long value = this.jdbc.sql("""
				INSERT INTO invoice_number_counter (year, last_value) VALUES (:year, 1)
				ON CONFLICT (year) DO UPDATE SET last_value = invoice_number_counter.last_value + 1
				RETURNING last_value""").param("year", year).query(Long.class).single();
		return format(year, value);
	}

	static String format(int year, long value) {
		return String.format("INV-%04d-%06d", year, value);
	}

}
