package dev.portico.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.portico.events.EventJson;
import dev.portico.events.invoice.PaymentAllocated;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Payment results and their allocation survive JSON unchanged, amounts exact. */
class PaymentEventsJsonTest {

	private static final UUID ACCOUNT = UUID.fromString("6f1c2a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f");

	private static final Instant AT = Instant.parse("2026-11-25T10:15:30Z");

	@Test
	void paymentSucceededRoundTripsWithAndWithoutAChosenInvoice() {
		PaymentSucceeded chosen = new PaymentSucceeded(UUID.randomUUID(), AT, ACCOUNT, PaymentSucceeded.VERSION,
				UUID.randomUUID(), new BigDecimal("125.40"), "USD", UUID.randomUUID());
		PaymentSucceeded oldestFirst = new PaymentSucceeded(UUID.randomUUID(), AT, ACCOUNT, PaymentSucceeded.VERSION,
				UUID.randomUUID(), new BigDecimal("10"), "JPY", null);

		assertThat(EventJson.roundTrip(chosen, "PaymentSucceeded").path("amount").decimalValue())
			.isEqualByComparingTo("125.40");
		assertThat(EventJson.roundTrip(oldestFirst, "PaymentSucceeded").path("invoiceId").isNull()).isTrue();
	}

	@Test
	void paymentFailedRoundTrips() {
		PaymentFailed event = new PaymentFailed(UUID.randomUUID(), AT, ACCOUNT, PaymentFailed.VERSION,
				UUID.randomUUID(), new BigDecimal("20.00"), "USD", "insufficient_funds");

		assertThat(EventJson.roundTrip(event, "PaymentFailed").path("reason").asString())
			.isEqualTo("insufficient_funds");
	}

	@Test
	void paymentRefundedRoundTrips() {
		UUID refund = UUID.randomUUID();
		PaymentRefunded event = new PaymentRefunded(UUID.randomUUID(), AT, ACCOUNT, PaymentRefunded.VERSION,
				UUID.randomUUID(), refund, new BigDecimal("7.25"), "USD");

		JsonNode json = EventJson.roundTrip(event, "PaymentRefunded");

		assertThat(json.path("refundId").asString()).isEqualTo(refund.toString());
		assertThat(json.path("amount").decimalValue()).isEqualByComparingTo("7.25");
	}

	@Test
	void paymentAllocatedRoundTrips() {
		PaymentAllocated event = new PaymentAllocated(UUID.randomUUID(), AT, ACCOUNT, PaymentAllocated.VERSION,
				UUID.randomUUID(), "USD",
				List.of(new PaymentAllocated.Allocation(UUID.randomUUID(), "INV-2026-000001", new BigDecimal("40.00"))),
				new BigDecimal("5.00"));

		JsonNode json = EventJson.roundTrip(event, "PaymentAllocated");

		assertThat(json.path("allocations").get(0).path("invoiceNumber").asString()).isEqualTo("INV-2026-000001");
		assertThat(json.path("creditLeft").decimalValue()).isEqualByComparingTo("5.00");
	}

}
