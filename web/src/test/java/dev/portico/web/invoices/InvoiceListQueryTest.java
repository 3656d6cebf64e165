package dev.portico.web.invoices;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class InvoiceListQueryTest {

	@ParameterizedTest(name = "status={0} sort={1} page={2} -> {3} {4} page {5}")
	@CsvSource(nullValues = "null",
			value = { "null,    null,            null, open, 'dueDate,asc',    0",
					"paid,    'total,desc',    2,    paid, 'total,desc',     2",
					"ALL,     'number',        1,    all,  'number,asc',     1",
					// What a hand-edited or hostile address may carry falls back to the
					// default, never reaches the API.
					"closed,  'dueDate,asc',   0,    open, 'dueDate,asc',    0",
					"open,    'password,asc',  0,    open, 'dueDate,asc',    0",
					"open,    'balance,sideways', 0, open, 'balance,asc',    0",
					"open,    'dueDate,asc',   -3,   open, 'dueDate,asc',    0",
					"open,    'dueDate,asc',   x,    open, 'dueDate,asc',    0",
					"open,    'dueDate,asc',   99999999999, open, 'dueDate,asc', 0",
					"open,    'dueDate,asc',   2000000, open, 'dueDate,asc', 100000" })
	void theAddressIsReadLeniently(String status, String sort, String page, String expectedStatus, String expectedSort,
			int expectedPage) {
		InvoiceListQuery query = InvoiceListQuery.of(status, sort, page);
		assertThat(query.status()).isEqualTo(expectedStatus);
		assertThat(query.sort()).isEqualTo(expectedSort);
		assertThat(query.page()).isEqualTo(expectedPage);
	}

	@ParameterizedTest
	@CsvSource({ "dueDate, 'dueDate,desc', descending", "total, 'total,asc', none" })
	void aColumnHeaderTogglesItsOwnDirection(String column, String linksTo, String ariaSortOfTheColumn) {
		InvoiceListQuery query = InvoiceListQuery.of("open", "dueDate,asc", "0");
		assertThat(query.sortBy(column)).isEqualTo(linksTo);
		assertThat(InvoiceListQuery.of("open", "dueDate,desc", "0").ariaSort(column)).isEqualTo(ariaSortOfTheColumn);
	}

}
