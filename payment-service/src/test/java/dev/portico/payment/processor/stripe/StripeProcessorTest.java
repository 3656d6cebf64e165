package dev.portico.payment.processor.stripe;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;

import com.stripe.StripeClient;
import dev.portico.payment.processor.PaymentProcessor.ChargeOutcome;
import dev.portico.payment.processor.PaymentProcessor.ChargeRequest;
import dev.portico.payment.processor.PaymentProcessor.OutcomeUnknown;
import dev.portico.payment.processor.PaymentProcessor.RefundOutcome;
import dev.portico.payment.processor.PaymentProcessor.RefundRequest;
import dev.portico.payment.processor.PaymentProcessor.SavedCard;
import dev.portico.payment.processor.PaymentProcessor.TokenRefused;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Stripe adapter against Stripe's API as its reference documents it, on loopback. */
class StripeProcessorTest {

	private static final Currency USD = Currency.getInstance("USD");

	private static StripeApi api;

	private final UUID account = UUID.randomUUID();

	private final String reference = UUID.randomUUID().toString();

	private StripeProcessor stripe;

	private StripeCustomers customers;

	@BeforeAll
	static void startStripe() {
		api = new StripeApi().start();
	}

	@AfterAll
	static void stopStripe() {
		api.stop();
	}

	@BeforeEach
	void adapter() {
		api.reset();
		this.customers = new StripeCustomers.Memory();
		this.customers.remember(this.account, "cus_portico");
		this.stripe = new StripeProcessor(client(0), this.customers);
	}

	@Test
	void aCardIsAttachedToTheAccountsCustomerCreatedOnce() {
		UUID newcomer = UUID.randomUUID();
		api.customerCreated("cus_new");
		api.paymentMethod("pm_card", null, "visa", "4242");

		SavedCard card = this.stripe.attach(newcomer, "pm_card");
		this.stripe.attach(newcomer, "pm_card");

		assertThat(card).isEqualTo(new SavedCard("visa", "4242", 8, 2031, "Ada Lovelace"));
		api.server.verify(1,
				postRequestedFor(urlPathEqualTo("/v1/customers"))
					.withHeader("Idempotency-Key", equalTo("portico-customer-" + newcomer))
					.withRequestBody(containing("portico_account_id")));
		api.server.verify(2, postRequestedFor(urlPathEqualTo("/v1/payment_methods/pm_card/attach"))
			.withRequestBody(containing("customer=cus_new")));
		assertThat(this.customers.of(newcomer)).contains("cus_new");
	}

	@Test
	void aCardSetupIsASetupIntentOfTheAccountsCustomer() {
		api.setupIntentCreated("seti_1");

		assertThat(this.stripe.prepareCardSetup(this.account)).contains("seti_1_secret_abc");
		api.server.verify(postRequestedFor(urlPathEqualTo("/v1/setup_intents"))
			.withRequestBody(containing("customer=cus_portico"))
			.withRequestBody(containing("usage=on_session")));
	}

	@Test
	void anotherCustomersOrAnUnknownTokenIsRefused() {
		api.paymentMethod("pm_theirs", "cus_someone_else", "visa", "4242");
		api.noSuchPaymentMethod("pm_nothing");

		assertThatThrownBy(() -> this.stripe.attach(this.account, "pm_theirs")).isInstanceOf(TokenRefused.class);
		assertThatThrownBy(() -> this.stripe.attach(this.account, "pm_nothing")).isInstanceOf(TokenRefused.class);
	}

	@Test
	void aChargeIsOnePaymentIntentCreatedAndConfirmedUnderAKeyOfThePayment() {
		api.intentCreated("pi_1", "succeeded", this.reference);

		ChargeOutcome outcome = charge("10.50");

		assertThat(outcome).isEqualTo(new ChargeOutcome.Charged("pi_1"));
		api.server.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
			.withHeader("Idempotency-Key", equalTo("portico-payment-" + this.reference))
			.withHeader("Authorization", equalTo("Bearer sk_test_portico"))
			.withRequestBody(containing("amount=1050"))
			.withRequestBody(containing("currency=usd"))
			.withRequestBody(containing("confirm=true"))
			.withRequestBody(containing("customer=cus_portico"))
			.withRequestBody(containing("payment_method=pm_card"))
			.withRequestBody(containing("metadata[portico_payment_id]=" + this.reference)));
	}

	@Test
	void aRetryOfTheSamePaymentSendsTheSameKeySoStripeChargesOnce() {
		api.intentCreated("pi_1", "succeeded", this.reference);

		ChargeOutcome first = charge("10.50");
		ChargeOutcome again = charge("10.50");

		assertThat(again).isEqualTo(first);
		api.server.verify(2, postRequestedFor(urlPathEqualTo("/v1/payment_intents")).withHeader("Idempotency-Key",
				equalTo("portico-payment-" + this.reference)));
	}

	@Test
	void aDeclinedCardIsDeclinedWithStripesCodeAndMessage() {
		api.intentDeclined("pi_1", this.reference, "insufficient_funds", "Your card has insufficient funds.");

		assertThat(charge("10.50"))
			.isEqualTo(new ChargeOutcome.Declined("insufficient_funds", "Your card has insufficient funds."));
	}

	@Test
	void aCardWhoseBankAsksWaitsForTheCustomerWithTheClientSecret() {
		api.intentCreated("pi_1", "requires_action", this.reference);

		assertThat(charge("10.50")).isEqualTo(new ChargeOutcome.ActionRequired("pi_1", "pi_1_secret_abc"));
	}

	@Test
	void aServerErrorIsUnknownAndTheLookupFindsWhatStripeDid() {
		api.intentCreated(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong\"}}"));
		api.searchFinds("pi_1", "succeeded", this.reference);

		assertThatThrownBy(() -> charge("10.50")).isInstanceOf(OutcomeUnknown.class);

		assertThat(this.stripe.lookup(this.reference)).contains(new ChargeOutcome.Charged("pi_1"));
		api.server.verify(getRequestedFor(urlPathEqualTo("/v1/payment_intents/search")).withQueryParam("query",
				equalTo("metadata['portico_payment_id']:'" + this.reference + "'")));
	}

	@Test
	void aTimeoutIsUnknownAndALookupThatFindsNothingSaysItNeverCharged() {
		StripeProcessor impatient = new StripeProcessor(client(300), this.customers);
		api.intentCreated(aResponse().withFixedDelay(2_000)
			.withHeader("Content-Type", "application/json")
			.withBody(StripeApi.intent("pi_1", "succeeded", this.reference, null)));
		api.searchFinds(null, null, null);

		assertThatThrownBy(() -> impatient.charge(request("10.50"))).isInstanceOf(OutcomeUnknown.class);

		assertThat(impatient.lookup(this.reference)).isEmpty();
	}

	@Test
	void stillProcessingIsUnknown() {
		api.intentCreated("pi_1", "processing", this.reference);

		assertThatThrownBy(() -> charge("10.50")).isInstanceOf(OutcomeUnknown.class);
	}

	@Test
	void aChargeLeftUnconfirmedIsCancelled() {
		api.searchFinds("pi_1", "requires_action", this.reference);
		api.canceled("pi_1", this.reference);

		assertThat(this.stripe.cancel(this.reference)).isInstanceOfSatisfying(ChargeOutcome.Declined.class,
				(declined) -> assertThat(declined.code()).isEqualTo("authentication_not_completed"));
	}

	@Test
	void aRefundIsOneStripeRefundUnderAKeyOfTheRefund() {
		api.refunded("re_1", "pi_1", 500);
		String refund = UUID.randomUUID().toString();

		RefundOutcome outcome = this.stripe.refund(new RefundRequest(refund, "pi_1", new BigDecimal("5.00"), USD));

		assertThat(outcome).isEqualTo(new RefundOutcome.Refunded("re_1"));
		api.server.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
			.withHeader("Idempotency-Key", equalTo("portico-refund-" + refund))
			.withRequestBody(containing("payment_intent=pi_1"))
			.withRequestBody(containing("amount=500")));
	}

	@Test
	void aRefundStripeRefusesIsRefused() {
		api.refundRefused("amount_too_large", "Refund amount is greater than unrefunded amount on charge.");

		assertThat(this.stripe.refund(new RefundRequest("ref-1", "pi_1", new BigDecimal("99.00"), USD)))
			.isEqualTo(new RefundOutcome.Refused("amount_too_large",
					"Refund amount is greater than unrefunded amount on charge."));
	}

	@Test
	void amountsGoInTheCurrencysSmallestUnit() {
		assertThat(StripeProcessor.minorUnits(new BigDecimal("10.5"), USD)).isEqualTo(1050);
		assertThat(StripeProcessor.minorUnits(new BigDecimal("1200"), Currency.getInstance("JPY"))).isEqualTo(1200);
		assertThat(StripeProcessor.minorUnits(new BigDecimal("1.234"), Currency.getInstance("BHD"))).isEqualTo(1234);
	}

	private ChargeOutcome charge(String amount) {
		return this.stripe.charge(request(amount));
	}

	private ChargeRequest request(String amount) {
		return new ChargeRequest(this.reference, this.account, "pm_card", new BigDecimal(amount), USD);
	}

	private static StripeClient client(int readTimeoutMillis) {
		StripeClient.StripeClientBuilder builder = StripeClient.builder()
			.setApiKey("sk_test_portico")
			.setApiBase(api.url())
			.setMaxNetworkRetries(0);
		if (readTimeoutMillis > 0) {
			builder.setReadTimeout(readTimeoutMillis);
		}
		return builder.build();
	}

}
