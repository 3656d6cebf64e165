package dev.portico.web.invoices;

import java.util.List;
import java.util.Locale;

import dev.portico.web.support.FormNumbers;

/**
 * The invoice list as its address states it: which invoices, sorted how, which page.
 * Anything the address carries that the list does not know falls back to the default (a
 * shared or hand-edited link should still show a list), so the API is only ever asked
 * what it accepts.
 *
 * @param status {@code open} (the default), {@code paid} or {@code all}
 * @param field the sort column: {@code number}, {@code issueDate}, {@code dueDate} (the
 * default), {@code total}, {@code balance}
 * @param ascending the direction
 * @param page zero-based
 */
public record InvoiceListQuery(String status, String field, boolean ascending, int page) {

	static final List<String> STATUSES = List.of("open", "paid", "all");

	static final List<String> FIELDS = List.of("number", "issueDate", "dueDate", "total", "balance");

	static final int PAGE_SIZE = 20;

	static InvoiceListQuery of(String status, String sort, String page) {
		String cleanStatus = (status != null && STATUSES.contains(status.toLowerCase(Locale.ROOT)))
				? status.toLowerCase(Locale.ROOT) : "open";
		String field = "dueDate";
		boolean ascending = true;
		if (sort != null) {
			String[] parts = sort.split(",", 2);
			if (FIELDS.contains(parts[0])) {
				field = parts[0];
				ascending = parts.length < 2 || !parts[1].equalsIgnoreCase("desc");
			}
		}
		return new InvoiceListQuery(cleanStatus, field, ascending, FormNumbers.page(page));
	}

	/** {@code dueDate,asc}: the API's and the address's form. */
	public String sort() {
		return this.field + "," + (this.ascending ? "asc" : "desc");
	}

	/**
	 * The sort a column header links to: this column ascending, or descending if it is
	 * already so.
	 */
	public String sortBy(String column) {
		return column + "," + ((column.equals(this.field) && this.ascending) ? "desc" : "asc");
	}

	/** {@code aria-sort} of a column header. */
	public String ariaSort(String column) {
		if (!column.equals(this.field)) {
			return "none";
		}
		return this.ascending ? "ascending" : "descending";
	}

}
