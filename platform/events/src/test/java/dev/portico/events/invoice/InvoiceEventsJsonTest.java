package dev.portico.events.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.portico.events.EventJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every record invoice-service publishes survives JSON unchanged, amounts exact to the
 * last digit.
 */
class InvoiceEventsJsonTest {

	private static final UUID ACCOUNT = UUID.fromString("6f1c2a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f");

	private static final Instant AT = Instant.parse("2026-11-25T10:15:30Z");

	@Test
	void invoiceIssuedRoundTrips() {
		UUID child = UUID.randomUUID();
		InvoiceIssued event = new InvoiceIssued(UUID.randomUUID(), AT, ACCOUNT, InvoiceIssued.VERSION,
				UUID.randomUUID(), "INV-2026-000123", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-15"),
				LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31"), "USD", new BigDecimal("125.40"),
				List.of(ACCOUNT, child));

		JsonNode json = EventJson.roundTrip(event, "InvoiceIssued");

		assertThat(json.path("number").asString()).isEqualTo("INV-2026-000123");
		assertThat(json.path("dueDate").asString()).isEqualTo("2026-11-15");
		assertThat(json.path("total").decimalValue()).isEqualByComparingTo("125.40");
		assertThat(json.path("chargedAccountIds")).hasSize(2);
	}

	@Test
	void balanceChangedRoundTripsWithItsOpenInvoices() {
		UUID invoice = UUID.randomUUID();
		BalanceChanged event = new BalanceChanged(UUID.randomUUID(), AT, ACCOUNT, BalanceChanged.VERSION, 7, "JPY",
				new BigDecimal("12000"), BigDecimal.ZERO, List.of(new BalanceChanged.OpenInvoice(invoice,
						LocalDate.parse("2026-12-01"), new BigDecimal("12000"))),
				BalanceChanged.INVOICE_ISSUED, AT.minusSeconds(1));

		JsonNode json = EventJson.roundTrip(event, "BalanceChanged");

		assertThat(json.path("sequence").asLong()).isEqualTo(7);
		assertThat(json.path("changedInvoices").get(0).path("invoiceId").asString()).isEqualTo(invoice.toString());
		assertThat(json.path("cause").asString()).isEqualTo("invoice-issued");
		assertThat(json.path("causedAt").asString()).isEqualTo(AT.minusSeconds(1).toString());
	}

}
