package dev.portico.account.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.portico.account.testing.AccountApiTest;
import dev.portico.events.PortalEvent;
import dev.portico.events.account.AccountOpened;
import dev.portico.events.account.AccountProfileChanged;
import dev.portico.events.account.PackageAdded;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.context.TestPropertySource;

import static dev.portico.account.testing.AccountMother.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What account-service tells the others on {@code accounts.v1}: each change arrives on
 * Kafka, keyed by account, under its stable type name, through the outbox, which is
 * emptied once Kafka has it.
 */
@TestPropertySource(properties = "spring.kafka.consumer.group-id=account-events-test")
@Import(AccountEventsTest.Received.class)
class AccountEventsTest extends AccountApiTest {

	@Autowired
	private Received received;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void openingAnAccountPublishesAccountOpened() {
		UUID parent = this.ops.open(account("Northwind Holdings"));
		UUID child = this.ops.open(account("Northwind Retail").below(parent).invoicedByParent());

		ConsumerRecord<String, Object> record = this.received.awaitOne(child, AccountOpened.class);
		AccountOpened opened = (AccountOpened) record.value();
		assertThat(record.key()).isEqualTo(child.toString());
		assertThat(new String(record.headers().lastHeader("__TypeId__").value())).isEqualTo("AccountOpened");
		assertThat(opened.name()).isEqualTo("Northwind Retail");
		assertThat(opened.accountNumber()).matches("A-\\d{6}");
		assertThat(opened.parentId()).isEqualTo(parent);
		assertThat(opened.invoicedByParent()).isTrue();
		assertThat(opened.currency()).isEqualTo("EUR");
		assertThat(opened.features().payments()).isTrue();
		assertThat(opened.version()).isEqualTo(AccountOpened.VERSION);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM event_publication").query(Integer.class).single() == 0);
	}

	@Test
	void patchingTheProfilePublishesTheChangedDetails() {
		UUID account = this.ops.open(account("Bluebird Cafe"));

		this.ops.mergePatch("/api/accounts/" + account, Map.of("billingAddress", Map.of("city", "Hamburg")));

		AccountProfileChanged changed = (AccountProfileChanged) this.received
			.awaitOne(account, AccountProfileChanged.class)
			.value();
		assertThat(changed.billingAddress().city()).isEqualTo("Hamburg");
		assertThat(changed.contact().email()).isEqualTo("ada@example.com");
	}

	@Test
	void addingAPackagePublishesPackageAdded() {
		UUID account = this.ops.open(account("Bluebird Cafe"));

		this.ops.post("/api/accounts/" + account + "/packages",
				Map.of("name", "Coffee Club", "startDate", "2026-12-01", "recurringCharge", "12.50"));

		PackageAdded added = (PackageAdded) this.received.awaitOne(account, PackageAdded.class).value();
		assertThat(added.name()).isEqualTo("Coffee Club");
		assertThat(added.recurringCharge()).isEqualByComparingTo("12.50");
		assertThat(added.currency()).isEqualTo("EUR");
	}

	@Test
	void aRejectedRequestPublishesNothing() {
		UUID account = this.ops.open(account("Bluebird Cafe"));
		this.ops.mergePatch("/api/accounts/" + account, Map.of("contact", Map.of("email", "broken")));
		this.ops.mergePatch("/api/accounts/" + account, Map.of("contact", Map.of("name", "After")));

		// One account, one partition: once the later change is in, the rejected one would
		// have been too.
		this.received.awaitOne(account, AccountProfileChanged.class);
		assertThat(this.received.of(account, AccountProfileChanged.class)).hasSize(1);
	}

	@TestConfiguration
	static class Received {

		private final List<ConsumerRecord<String, Object>> records = new CopyOnWriteArrayList<>();

		@KafkaListener(topics = "accounts.v1")
		void on(ConsumerRecord<String, Object> record) {
			this.records.add(record);
		}

		List<ConsumerRecord<String, Object>> of(UUID accountId, Class<?> type) {
			return this.records.stream()
				.filter((r) -> type.isInstance(r.value()) && ((PortalEvent) r.value()).accountId().equals(accountId))
				.toList();
		}

		ConsumerRecord<String, Object> awaitOne(UUID accountId, Class<?> type) {
			await().atMost(Duration.ofSeconds(30)).until(() -> !of(accountId, type).isEmpty());
			return of(accountId, type).get(0);
		}

	}

}
