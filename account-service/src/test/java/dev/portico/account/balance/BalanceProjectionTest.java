package dev.portico.account.balance;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.portico.account.testing.AccountApiTest;
import dev.portico.events.invoice.BalanceChanged;
import dev.portico.events.invoice.InvoiceIssued;
import dev.portico.events.invoice.InvoicesTopic;
import dev.portico.test.MutableClock;
import dev.portico.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

import static dev.portico.account.testing.AccountMother.account;
import static dev.portico.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The overview's balance, due and latest invoice come from invoice-service's events,
 * applied once however often they arrive and never rolled back by an older one; what is
 * due follows the calendar in the provider's time zone without any event.
 */
@Import(BalanceProjectionTest.FixedClock.class)
@TestPropertySource(properties = "portico.accounts.time-zone=America/New_York")
class BalanceProjectionTest extends AccountApiTest {

	/** 2026-11-30 in New York until 05:00 UTC on Dec 1st. */
	static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-30T15:00:00Z"));

	@Autowired
	private KafkaTemplate<String, Object> kafka;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	private UUID account;

	@BeforeEach
	void openAccount() {
		CLOCK.set(Instant.parse("2026-11-30T15:00:00Z"));
		this.account = this.ops.open(account("Bluebird Cafe"));
	}

	@Test
	void issuedInvoicesShowOnTheOverviewAndFallDueAtMidnightInTheProvidersZone() {
		UUID overdue = UUID.randomUUID();
		UUID dueTomorrow = UUID.randomUUID();
		send(issued(overdue, "INV-2026-000001", "2026-10-01"));
		send(changed(1, "40.00", List.of(open(overdue, "2026-11-15", "40.00"))));
		send(issued(dueTomorrow, "INV-2026-000002", "2026-11-01"));
		send(changed(2, "65.50", List.of(open(dueTomorrow, "2026-12-01", "25.50"))));

		// Two topics, two consumers: wait for both the balance and the latest invoice.
		JsonNode overview = awaitOverview((json) -> json.path("balance").asString().equals("65.50")
				&& json.path("latestInvoice").path("number").asString().equals("INV-2026-000002"));
		assertThat(overview.path("due").asString()).isEqualTo("40.00");
		assertThat(overview.path("latestInvoice").path("number").asString()).isEqualTo("INV-2026-000002");
		assertThat(overview.path("latestInvoice").path("invoiceId").asString()).isEqualTo(dueTomorrow.toString());

		CLOCK.set(Instant.parse("2026-12-01T04:59:00Z"));
		assertThat(overview().path("due").asString()).as("still Nov 30 in New York").isEqualTo("40.00");
		CLOCK.set(Instant.parse("2026-12-01T05:00:00Z"));
		assertThat(overview().path("due").asString()).as("Dec 1 in New York").isEqualTo("65.50");
	}

	@Test
	void aRepeatedOrOlderEventChangesNothing() {
		UUID invoice = UUID.randomUUID();
		BalanceChanged first = changed(1, "40.00", List.of(open(invoice, "2026-11-15", "40.00")));
		send(first);
		send(changed(2, "10.00", List.of(open(invoice, "2026-11-15", "10.00"))));
		awaitOverview((json) -> json.path("balance").asString().equals("10.00"));

		send(first);
		BalanceChanged older = changed(1, "40.00", List.of(open(invoice, "2026-11-15", "40.00")));
		send(older);

		// Same partition: once the older one is processed, the repeated one before it was
		// too.
		awaitProcessed(older.eventId());
		JsonNode overview = overview();
		assertThat(overview.path("balance").asString()).isEqualTo("10.00");
		assertThat(overview.path("due").asString()).isEqualTo("10.00");
	}

	@Test
	void eventsArrivingOutOfOrderStillAddEveryInvoiceAndNeverUndoALaterChange() {
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		// Sent by the outbox in another order than committed: 3 (first paid), 2 (second
		// issued), 1 (first issued).
		send(changed(3, "25.00", List.of(open(first, "2026-11-01", "0"))));
		send(changed(2, "65.00", List.of(open(second, "2026-11-10", "25.00"))));
		BalanceChanged oldest = changed(1, "40.00", List.of(open(first, "2026-11-01", "40.00")));
		send(oldest);

		awaitProcessed(oldest.eventId());
		JsonNode overview = overview();
		assertThat(overview.path("balance").asString()).isEqualTo("25.00");
		assertThat(overview.path("due").asString()).as("the second invoice, added by an older event")
			.isEqualTo("25.00");
	}

	@Test
	void aPaidInvoiceLeavesWhatIsDueAndCreditReducesIt() {
		UUID paid = UUID.randomUUID();
		UUID open = UUID.randomUUID();
		Timer paymentToBalance = this.meters.get("portico.payment.balance.latency").timer();
		long measured = paymentToBalance.count();
		send(changed(1, "70.00", List.of(open(paid, "2026-11-01", "30.00"), open(open, "2026-11-10", "40.00"))));
		send(new BalanceChanged(UUID.randomUUID(), CLOCK.instant(), this.account, BalanceChanged.VERSION, 2, "EUR",
				new BigDecimal("35.00"), new BigDecimal("5.00"), List.of(open(paid, "2026-11-01", "0")),
				"payment-applied", CLOCK.instant().minusMillis(750)));

		JsonNode overview = awaitOverview((json) -> json.path("balance").asString().equals("35.00"));
		assertThat(overview.path("due").asString()).isEqualTo("35.00");
		// Only the payment counts, from when it was charged: the issued invoice before it
		// is not a payment.
		assertThat(paymentToBalance.count()).isEqualTo(measured + 1);
		assertThat(paymentToBalance.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(750);
	}

	@Test
	void anOlderInvoiceNeverReplacesTheLatest() {
		UUID latest = UUID.randomUUID();
		send(issued(latest, "INV-2026-000020", "2026-11-01"));
		awaitOverview((json) -> json.path("latestInvoice").path("invoiceId").asString().equals(latest.toString()));
		InvoiceIssued older = issued(UUID.randomUUID(), "INV-2026-000011", "2026-10-01");
		send(older);

		awaitProcessed(older.eventId());
		assertThat(overview().path("latestInvoice").path("number").asString()).isEqualTo("INV-2026-000020");
	}

	/** Until the projection has handled the event, whether or not it changed anything. */
	private void awaitProcessed(UUID eventId) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?")
				.param(eventId)
				.query(Long.class)
				.single() == 1);
	}

	private JsonNode awaitOverview(java.util.function.Predicate<JsonNode> condition) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(20)).until(() -> condition.test(last[0] = overview()));
		return last[0];
	}

	private JsonNode overview() {
		return json(as(TestTokens.customer(this.account)).get("/api/accounts/" + this.account + "/overview"));
	}

	private void send(Object event) {
		String topic = (event instanceof InvoiceIssued) ? InvoicesTopic.INVOICES : InvoicesTopic.BALANCES;
		this.kafka.send(topic, this.account.toString(), event).join();
	}

	private InvoiceIssued issued(UUID invoiceId, String number, String issueDate) {
		LocalDate issued = LocalDate.parse(issueDate);
		return new InvoiceIssued(UUID.randomUUID(), Instant.now(), this.account, InvoiceIssued.VERSION, invoiceId,
				number, issued, issued.plusDays(14), issued.minusMonths(1), issued.minusDays(1), "EUR",
				new BigDecimal("10.00"), List.of(this.account));
	}

	private BalanceChanged changed(long sequence, String balance, List<BalanceChanged.OpenInvoice> invoices) {
		return new BalanceChanged(UUID.randomUUID(), Instant.now(), this.account, BalanceChanged.VERSION, sequence,
				"EUR", new BigDecimal(balance), BigDecimal.ZERO, invoices, BalanceChanged.INVOICE_ISSUED, null);
	}

	private static BalanceChanged.OpenInvoice open(UUID invoiceId, String dueDate, String balance) {
		return new BalanceChanged.OpenInvoice(invoiceId, LocalDate.parse(dueDate), new BigDecimal(balance));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		@Primary
		MutableClock testClock() {
			return CLOCK;
		}

	}

}
