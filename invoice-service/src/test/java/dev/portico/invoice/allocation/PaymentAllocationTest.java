package dev.portico.invoice.allocation;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portico.events.payment.PaymentFailed;
import dev.portico.events.payment.PaymentRefunded;
import dev.portico.events.payment.PaymentSucceeded;
import dev.portico.events.payment.PaymentsTopic;
import dev.portico.invoice.testing.InvoiceApiTest;
import dev.portico.test.ApiClient;
import dev.portico.test.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;

import static dev.portico.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Succeeded payments arriving on {@code payments.v1} (real Kafka, real PostgreSQL) are
 * applied as docs/api.md says: the chosen invoice first, then oldest due first, the rest
 * as credit that the next invoice consumes; once per event, never in the wrong currency,
 * never lost.
 */
class PaymentAllocationTest extends InvoiceApiTest {

	@Autowired
	private KafkaTemplate<String, Object> kafka;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Autowired
	private MeterRegistry meters;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@Value("${spring.kafka.consumer.group-id}")
	private String groupId;

	private UUID account;

	private ApiClient customer;

	@BeforeEach
	void account() {
		this.account = this.accounts.root("Bluebird Cafe", "USD");
		this.customer = as(TestTokens.customer(this.account));
	}

	@Test
	void chosenInvoiceFirstThenOldestDueThenCreditWhichTheNextInvoiceConsumes() {
		String oldest = issue("2026-09-01", "2026-09-15", "100.00");
		String middle = issue("2026-10-01", "2026-10-15", "50.00");
		String newest = issue("2026-11-01", "2026-11-15", "30.00");

		pay("170.00", UUID.fromString(newest));

		awaitInvoice(middle, (invoice) -> invoice.path("balance").asString().equals("10.00"));
		assertThat(invoice(newest).path("status").asString()).isEqualTo("PAID");
		assertThat(invoice(oldest).path("status").asString()).isEqualTo("PAID");
		JsonNode partly = invoice(middle);
		assertThat(partly.path("status").asString()).isEqualTo("PARTIALLY_PAID");
		assertThat(partly.path("amountPaid").asString()).isEqualTo("40.00");
		assertThat(partly.path("payments").get(0).path("amount").asString()).isEqualTo("40.00");

		UUID overpayment = pay("25.00", null);
		awaitInvoice(middle, (invoice) -> invoice.path("status").asString().equals("PAID"));
		assertThat(ledger()).containsEntry("open_total", new BigDecimal("0.0000"))
			.containsEntry("credit", new BigDecimal("15.0000"));

		JsonNode next = json(this.ops.post("/api/invoices", body("2026-12-01", "2026-12-15", "20.00")));
		assertThat(next.path("amountPaid").asString()).isEqualTo("15.00");
		assertThat(next.path("balance").asString()).isEqualTo("5.00");
		assertThat(next.path("status").asString()).isEqualTo("PARTIALLY_PAID");
		assertThat(invoice(next.path("invoiceId").asString()).path("payments").get(0).path("paymentId").asString())
			.isEqualTo(overpayment.toString());
		assertThat(ledger()).containsEntry("open_total", new BigDecimal("5.0000"))
			.containsEntry("credit", new BigDecimal("0.0000"));
		assertThat(json(this.customer.get("/api/accounts/" + this.account + "/invoices?status=paid")).path("page")
			.path("totalElements")
			.asInt()).isEqualTo(3);
	}

	@Test
	void fiftyConcurrentPaymentsAboveWhatIsOwedPayTheInvoicesAndKeepTheRestAsCredit() throws Exception {
		issue("2026-09-01", "2026-09-15", "100.00");
		issue("2026-10-01", "2026-10-15", "150.00");
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
		try {
			List<java.util.concurrent.Future<?>> sends = new java.util.ArrayList<>();
			for (int i = 0; i < 50; i++) {
				sends.add(pool.submit(() -> pay("7.00", null)));
			}
			for (java.util.concurrent.Future<?> send : sends) {
				send.get();
			}
		}
		finally {
			pool.shutdownNow();
		}

		// 50 × 7.00 = 350.00 against 250.00 owed: every cent lands either on an invoice
		// or in credit, once.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count(
					"SELECT count(DISTINCT payment_id) FROM invoice_payment p JOIN invoice i ON i.id = p.invoice_id "
							+ "WHERE i.account_id = ?",
					this.account)
					+ count("SELECT count(*) FROM payment_credit WHERE account_id = ? AND payment_id NOT IN "
							+ "(SELECT payment_id FROM invoice_payment)", this.account) >= 50);
		await().atMost(Duration.ofSeconds(30)).until(() -> ledger().get("credit").equals(new BigDecimal("100.0000")));
		assertThat(ledger()).containsEntry("open_total", new BigDecimal("0.0000"));
		assertThat(this.jdbc
			.sql("SELECT sum(p.amount) FROM invoice_payment p JOIN invoice i ON i.id = p.invoice_id "
					+ "WHERE i.account_id = ?")
			.param(this.account)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("250.00");
		assertThat(this.jdbc.sql("SELECT sum(remaining) FROM payment_credit WHERE account_id = ?")
			.param(this.account)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("100.00");
	}

	@Test
	void aRefundTakesBackTheCreditFirstThenReopensTheLatestInvoicesItPaidOnce() {
		String oldest = issue("2026-09-01", "2026-09-15", "100.00");
		String newest = issue("2026-10-01", "2026-10-15", "50.00");
		UUID payment = pay("170.00", null);
		awaitInvoice(newest, (invoice) -> invoice.path("status").asString().equals("PAID"));
		assertThat(ledger()).containsEntry("credit", new BigDecimal("20.0000"));

		PaymentRefunded refund = refunded(payment, "45.00");
		send(refund);
		send(refund);

		awaitInvoice(newest, (invoice) -> invoice.path("balance").asString().equals("25.00"));
		assertThat(invoice(newest).path("status").asString()).isEqualTo("PARTIALLY_PAID");
		assertThat(invoice(oldest).path("status").asString()).isEqualTo("PAID");
		assertThat(ledger()).containsEntry("open_total", new BigDecimal("25.0000"))
			.containsEntry("credit", new BigDecimal("0.0000"));

		send(refunded(payment, "125.00"));
		awaitInvoice(oldest, (invoice) -> invoice.path("status").asString().equals("OPEN"));
		assertThat(invoice(oldest).path("balance").asString()).isEqualTo("100.00");
		assertThat(invoice(newest).path("status").asString()).isEqualTo("OPEN");
		assertThat(invoice(newest).path("amountPaid").asString()).isEqualTo("0.00");
		assertThat(ledger()).containsEntry("open_total", new BigDecimal("150.0000"))
			.containsEntry("credit", new BigDecimal("0.0000"));
		assertThat(count("SELECT count(*) FROM invoice_payment WHERE payment_id = ?", payment)).isZero();
	}

	@Test
	void aRedeliveredPaymentIsAppliedOnceAndAFailedOneNotAtAll() {
		Timer lag = this.meters.get("portico.allocation.lag").timer();
		long allocated = lag.count();
		String invoice = issue("2026-10-01", "2026-10-15", "100.00");
		PaymentSucceeded payment = succeeded("30.00", "USD", null);
		send(payment);
		send(payment);
		send(new PaymentFailed(UUID.randomUUID(), Instant.now(), this.account, PaymentFailed.VERSION, UUID.randomUUID(),
				new BigDecimal("50.00"), "USD", "card_declined"));
		UUID marker = pay("1.00", null);

		awaitInvoice(invoice,
				(json) -> json.path("payments").findValuesAsString("paymentId").contains(marker.toString()));
		assertThat(invoice(invoice).path("balance").asString()).isEqualTo("69.00");
		assertThat(lag.count()).as("allocations measured: the payment once, the marker; not the redelivery")
			.isEqualTo(allocated + 2);
	}

	/**
	 * The state a consumer leaves behind when it dies after its database commit and
	 * before its offset commit: the allocation is in the database, the group's committed
	 * offset still points at the event. Made exactly that way: the event is applied, the
	 * consumers stop, the group's offset is moved back to it, the consumers start again.
	 */
	@Test
	void aConsumerThatDiedBetweenItsDatabaseCommitAndItsOffsetCommitAppliesNothingTwice() throws Exception {
		String invoice = issue("2026-10-01", "2026-10-15", "100.00");
		PaymentSucceeded payment = succeeded("30.00", "USD", null);
		RecordMetadata sent = this.kafka.send(PaymentsTopic.NAME, this.account.toString(), payment)
			.join()
			.getRecordMetadata();
		awaitInvoice(invoice, (json) -> json.path("balance").asString().equals("70.00"));

		this.listeners.stop();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
			// The group's members may take a moment to be gone from the broker's view
			// after they stopped.
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.untilAsserted(() -> admin
					.alterConsumerGroupOffsets(this.groupId, Map.of(partition, new OffsetAndMetadata(sent.offset())))
					.all()
					.get());
		}
		finally {
			this.listeners.start();
		}
		UUID marker = pay("1.00", null);

		// The marker is behind the rewound event on the same partition (same account
		// key), so it was redelivered first.
		awaitInvoice(invoice,
				(json) -> json.path("payments").findValuesAsString("paymentId").contains(marker.toString()));
		assertThat(invoice(invoice).path("balance").asString()).isEqualTo("69.00");
		assertThat(count("SELECT count(*) FROM invoice_payment WHERE payment_id = ?", payment.paymentId())).isOne();
		assertThat(ledger()).containsEntry("open_total", new BigDecimal("69.0000"));
	}

	@Test
	void aPaymentForAnAccountWithoutInvoicesIsKeptAsCreditAndOneInAnotherCurrencyIsSetAside() {
		UUID unknown = UUID.randomUUID();
		send(new PaymentSucceeded(UUID.randomUUID(), Instant.now(), unknown, PaymentSucceeded.VERSION,
				UUID.randomUUID(), new BigDecimal("12.00"), "USD", null));
		issue("2026-10-01", "2026-10-15", "10.00");
		UUID euros = UUID.randomUUID();
		send(new PaymentSucceeded(UUID.randomUUID(), Instant.now(), this.account, PaymentSucceeded.VERSION, euros,
				new BigDecimal("10.00"), "EUR", null));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> count("SELECT count(*) FROM payment_rejected WHERE payment_id = ?", euros) == 1);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> count("SELECT count(*) FROM payment_credit WHERE account_id = ? AND remaining = 12",
					unknown) == 1);
		assertThat(ledger()).containsEntry("open_total", new BigDecimal("10.0000"));
	}

	@Test
	void aPaymentNamingAnotherAccountsInvoicePaysItsOwnOldestFirst() {
		UUID other = this.accounts.root("Other Cafe", "USD");
		String foreign = json(this.ops.post("/api/invoices", body(other, "2026-10-01", "2026-10-15", "40.00")))
			.path("invoiceId")
			.asString();
		String own = issue("2026-10-01", "2026-10-15", "40.00");

		pay("40.00", UUID.fromString(foreign));

		awaitInvoice(own, (invoice) -> invoice.path("status").asString().equals("PAID"));
		assertThat(json(as(TestTokens.customer(other)).get("/api/accounts/" + other + "/invoices/" + foreign))
			.path("balance")
			.asString()).isEqualTo("40.00");
	}

	private UUID pay(String amount, UUID invoiceId) {
		PaymentSucceeded payment = succeeded(amount, "USD", invoiceId);
		send(payment);
		return payment.paymentId();
	}

	private PaymentSucceeded succeeded(String amount, String currency, UUID invoiceId) {
		return new PaymentSucceeded(UUID.randomUUID(), Instant.now(), this.account, PaymentSucceeded.VERSION,
				UUID.randomUUID(), new BigDecimal(amount), currency, invoiceId);
	}

	private PaymentRefunded refunded(UUID payment, String amount) {
		return new PaymentRefunded(UUID.randomUUID(), Instant.now(), this.account, PaymentRefunded.VERSION, payment,
				UUID.randomUUID(), new BigDecimal(amount), "USD");
	}

	private void send(Object event) {
		UUID key = (event instanceof PaymentSucceeded succeeded) ? succeeded.accountId()
				: (event instanceof PaymentRefunded refund) ? refund.accountId() : ((PaymentFailed) event).accountId();
		this.kafka.send(PaymentsTopic.NAME, key.toString(), event).join();
	}

	private String issue(String issueDate, String dueDate, String amount) {
		HttpResponse<String> response = this.ops.post("/api/invoices", body(issueDate, dueDate, amount));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response).path("invoiceId").asString();
	}

	private Map<String, Object> body(String issueDate, String dueDate, String amount) {
		return body(this.account, issueDate, dueDate, amount);
	}

	private static Map<String, Object> body(UUID account, String issueDate, String dueDate, String amount) {
		return Map.of("accountId", account.toString(), "issueDate", issueDate, "dueDate", dueDate, "periodStart",
				issueDate, "periodEnd", issueDate, "currency", "USD", "lines",
				List.of(Map.of("description", "Service", "product", "Service", "quantity", "1", "unitPrice", amount)));
	}

	private JsonNode invoice(String invoiceId) {
		return json(this.customer.get("/api/accounts/" + this.account + "/invoices/" + invoiceId));
	}

	private void awaitInvoice(String invoiceId, java.util.function.Predicate<JsonNode> condition) {
		await().atMost(Duration.ofSeconds(20)).until(() -> condition.test(invoice(invoiceId)));
	}

	private Map<String, Object> ledger() {
		return this.jdbc.sql("SELECT open_total, credit FROM account_ledger WHERE account_id = ?")
			.param(this.account)
			.query()
			.singleRow();
	}

	private long count(String sql, UUID id) {
		return this.jdbc.sql(sql).param(id).query(Long.class).single();
	}

}
