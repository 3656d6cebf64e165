package dev.portico.events.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import dev.portico.events.EventJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code accounts.v1} record survives the trip through JSON unchanged, both with a
 * plain mapper (what the outbox table stores) and through the Kafka serializer pair with
 * the suite's stable type names (what consumers read), and its JSON has the field names
 * consumers rely on.
 */
class AccountEventsJsonTest {

	private static final UUID ACCOUNT = UUID.fromString("6f1c2a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f");

	private static final Instant AT = Instant.parse("2026-11-25T10:15:30Z");

	@Test
	void accountOpenedRoundTrips() {
		AccountOpened event = new AccountOpened(UUID.randomUUID(), AT, ACCOUNT, AccountOpened.VERSION, "A-100042",
				"Northwind Retail", "EUR", 5, UUID.randomUUID(), true, new AccountFeatures(true, false));

		JsonNode json = EventJson.roundTrip(event, "AccountOpened");

		assertThat(json.path("accountNumber").asString()).isEqualTo("A-100042");
		assertThat(json.path("features").path("paymentMethods").asBoolean()).isFalse();
		assertThat(json.path("occurredAt").asString()).isEqualTo("2026-11-25T10:15:30Z");
	}

	@Test
	void rootAccountOpenedKeepsItsNullParent() {
		AccountOpened event = new AccountOpened(UUID.randomUUID(), AT, ACCOUNT, AccountOpened.VERSION, "A-100001",
				"Bluebird Cafe", "USD", 1, null, false, new AccountFeatures(false, false));

		JsonNode json = EventJson.roundTrip(event, "AccountOpened");

		assertThat(json.path("parentId").isNull()).isTrue();
	}

	@Test
	void accountProfileChangedRoundTrips() {
		AccountProfileChanged event = new AccountProfileChanged(UUID.randomUUID(), AT, ACCOUNT,
				AccountProfileChanged.VERSION, new AccountContact("Ada Lovelace", "ada@example.com", null),
				new AccountAddress("1 Main St", null, "Berlin", null, "10115", "DE"));

		JsonNode json = EventJson.roundTrip(event, "AccountProfileChanged");

		assertThat(json.path("contact").path("email").asString()).isEqualTo("ada@example.com");
		assertThat(json.path("billingAddress").path("country").asString()).isEqualTo("DE");
	}

	@Test
	void packageAddedRoundTripsWithItsChargeExact() {
		PackageAdded event = new PackageAdded(UUID.randomUUID(), AT, ACCOUNT, PackageAdded.VERSION, UUID.randomUUID(),
				"Fibre 500", LocalDate.parse("2026-12-01"), new BigDecimal("39.9900"), "EUR");

		JsonNode json = EventJson.roundTrip(event, "PackageAdded");

		assertThat(json.path("startDate").asString()).isEqualTo("2026-12-01");
		assertThat(json.path("recurringCharge").decimalValue()).isEqualByComparingTo("39.99");
	}

}
