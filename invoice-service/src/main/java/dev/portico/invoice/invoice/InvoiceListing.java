package dev.portico.invoice.invoice;

import java.util.Locale;
import java.util.Map;

import dev.portico.platform.web.InvalidParameter;

/**
 * What a list of invoices may ask for: which ones ({@code status}) and in which order
 * ({@code sort}), both checked against a whitelist so that nothing a client sends reaches
 * SQL. Equal keys are ordered by number, which is unique, so pages never overlap or skip.
 */
record InvoiceListing(Status status, String sortColumn, boolean descending) {

	private static final Map<String, String> SORTABLE = Map.of("number", "number", "issueDate", "issue_date", "dueDate",
			"due_date", "total", "total", "balance", "balance");

	enum Status {

		OPEN("status IN ('OPEN', 'PARTIALLY_PAID')"), PAID("status = 'PAID'"), ALL("TRUE");

		final String condition;

		Status(String condition) {
			this.condition = condition;
		}

	}

	/**
	 * @param status {@code open} (default), {@code paid} or {@code all}
	 * @param sort {@code field[,asc|desc]}; by default open invoices come by due date,
	 * oldest first, and the others newest first
	 */
	static InvoiceListing of(String status, String sort) {
		Status filter = parseStatus(status);
		if (sort == null || sort.isBlank()) {
			return (filter == Status.OPEN) ? new InvoiceListing(filter, "due_date", false)
					: new InvoiceListing(filter, "issue_date", true);
		}
		String[] parts = sort.split(",", -1);
		String column = SORTABLE.get(parts[0].trim());
		if (column == null || parts.length > 2) {
			throw new InvalidParameter("sort", "sort by one of number, issueDate, dueDate, total, balance, "
					+ "optionally followed by ,asc or ,desc");
		}
		String direction = (parts.length == 2) ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
		if (!direction.equals("asc") && !direction.equals("desc")) {
			throw new InvalidParameter("sort", "the direction must be asc or desc");
		}
		return new InvoiceListing(filter, column, direction.equals("desc"));
	}

	private static Status parseStatus(String status) {
		if (status == null || status.isBlank()) {
			return Status.OPEN;
		}
		return switch (status.trim().toLowerCase(Locale.ROOT)) {
			case "open" -> Status.OPEN;
			case "paid" -> Status.PAID;
			case "all" -> Status.ALL;
			default -> throw new InvalidParameter("status", "status must be open, paid or all");
		};
	}

	/**
	 * The ORDER BY clause: whitelisted column, then number, both in the asked direction.
	 */
	String orderBy() {
		String direction = this.descending ? "DESC" : "ASC";
		return (this.sortColumn.equals("number")) ? "number " + direction
				: this.sortColumn + " " + direction + ", number " + direction;
	}

}
