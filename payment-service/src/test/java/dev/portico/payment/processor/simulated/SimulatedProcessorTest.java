package dev.portico.payment.processor.simulated;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.UUID;

import dev.portico.payment.processor.CardNumbers;
import dev.portico.payment.processor.PaymentProcessor.ChargeOutcome;
import dev.portico.payment.processor.PaymentProcessor.ChargeRequest;
import dev.portico.payment.processor.PaymentProcessor.OutcomeUnknown;
import dev.portico.payment.processor.PaymentProcessor.RefundOutcome;
import dev.portico.payment.processor.PaymentProcessor.RefundRequest;
import dev.portico.payment.processor.PaymentProcessor.SavedCard;
import dev.portico.payment.processor.PaymentProcessor.TokenRefused;
import dev.portico.payment.processor.simulated.SimulatedProcessor.FailureMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedProcessorTest {

	private static final Currency USD = Currency.getInstance("USD");

	private static final UUID ACCOUNT = UUID.randomUUID();

	private final SimulatedProcessor processor = new SimulatedProcessor(Duration.ZERO, FailureMode.NONE);

	@Test
	void successCardIsCharged() {
		ChargeOutcome outcome = charge("pay-1", tokenize("4242424242424242"));

		assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Charged.class,
				(charged) -> assertThat(charged.chargeId()).startsWith("ch_sim_"));
	}

	@Test
	void declineCardsAreDeclinedWithTheirCodes() {
		assertThat(charge("pay-1", tokenize("4000000000000002")))
			.isEqualTo(new ChargeOutcome.Declined("card_declined", "The card was declined."));
		assertThat(charge("pay-2", tokenize("4000000000009995"))).isInstanceOfSatisfying(ChargeOutcome.Declined.class,
				(declined) -> assertThat(declined.code()).isEqualTo("insufficient_funds"));
	}

	@Test
	void anyOtherValidNumberIsCharged() {
		assertThat(charge("pay-1", tokenize("5555555555554444"))).isInstanceOf(ChargeOutcome.Charged.class);
		assertThat(charge("pay-2", tokenize("378282246310005"))).isInstanceOf(ChargeOutcome.Charged.class);
	}

	@Test
	void noProfileNamedProdStartsWithTheSimulator() {
		MockEnvironment prod = new MockEnvironment();
		prod.setActiveProfiles("eu", "prod");
		SimulatedProcessorProperties properties = new SimulatedProcessorProperties(Duration.ZERO, FailureMode.NONE);

		assertThatThrownBy(() -> new SimulatedProcessor(properties, null, prod))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("portico.payments.processor=stripe");
		assertThat(new SimulatedProcessor(properties, null, new MockEnvironment())).isNotNull();
	}

	@Test
	void tokenSaysWhatTheCardWillDo() {
		assertThat(tokenize("4000000000000002")).startsWith("pm_sim_declined_");
		assertThat(tokenize("4242424242424242")).startsWith("pm_sim_ok_");
		assertThat(tokenize("4000000000009995")).startsWith("pm_sim_nofunds_");
		assertThat(tokenize("4000002500003155")).startsWith("pm_sim_3ds_");
	}

	@Test
	void tokensAreNeverTheSameAndNeverContainTheNumber() {
		String first = this.processor.tokenize(card("4242424242424242"));
		String second = this.processor.tokenize(card("4242424242424242"));

		assertThat(first).isNotEqualTo(second).doesNotContain("4242424242424242", "424242");
		assertThat(this.processor.attach(ACCOUNT, first).last4()).isEqualTo("4242");
	}

	@ParameterizedTest
	@CsvSource({ "4242424242424242, visa", "4000056655665556, visa", "5555555555554444, mastercard",
			"5105105105105100, mastercard", "2223003122003222, mastercard", "2720990000000007, mastercard",
			"378282246310005, amex", "371449635398431, amex", "6011111111111117, discover",
			"6500000000000002, discover", "6445644564456445, discover", "3566002020360505, unknown",
			"2721000000000004, unknown", "6430000000000007, unknown" })
	void brandComesFromTheNumbersPrefix(String number, String brand) {
		assertThat(CardNumbers.luhnValid(number)).as("test number must be valid").isTrue();
		SavedCard card = this.processor.attach(ACCOUNT, this.processor.tokenize(card(number)));

		assertThat(card.brand()).isEqualTo(brand);
		assertThat(card.last4()).isEqualTo(number.substring(number.length() - 4));
		assertThat(card)
			.isEqualTo(new SavedCard(brand, number.substring(number.length() - 4), 12, 2030, "Ada Lovelace"));
	}

	@Test
	void aTokenBelongsToTheFirstAccountItIsAttachedTo() {
		String token = this.processor.tokenize(card("4242424242424242"));
		UUID other = UUID.randomUUID();

		this.processor.attach(ACCOUNT, token);

		assertThat(this.processor.attach(ACCOUNT, token)).as("attaching again is harmless").isNotNull();
		assertThatThrownBy(() -> this.processor.attach(other, token)).isInstanceOf(TokenRefused.class);
		assertThatThrownBy(() -> this.processor.attach(ACCOUNT, "pm_sim_ok_unknown")).isInstanceOf(TokenRefused.class);
		assertThat(this.processor.charge(new ChargeRequest("pay-1", other, token, BigDecimal.ONE, USD)))
			.as("another account cannot charge it")
			.isInstanceOfSatisfying(ChargeOutcome.Declined.class,
					(declined) -> assertThat(declined.code()).isEqualTo("invalid_token"));
	}

	@Test
	void aDetachedCardIsNoLongerCharged() {
		String token = tokenize("4242424242424242");

		this.processor.detach(token);

		assertThat(charge("pay-1", token)).isInstanceOf(ChargeOutcome.Declined.class);
	}

	@Test
	void aCardWhoseBankAsksIsChargedOnlyOnceTheCustomerConfirms() {
		ChargeOutcome outcome = charge("pay-1", tokenize("4000002500003155"));

		assertThat(outcome).isInstanceOf(ChargeOutcome.ActionRequired.class);
		String secret = ((ChargeOutcome.ActionRequired) outcome).clientSecret();
		assertThat(this.processor.lookup("pay-1")).contains(outcome);
		assertThat(this.processor.confirm("pay-1_secret_wrong", true)).isEmpty();

		assertThat(this.processor.confirm(secret, true)).contains("pay-1");

		assertThat(this.processor.lookup("pay-1").orElseThrow()).isInstanceOf(ChargeOutcome.Charged.class);
		assertThat(this.processor.confirm(secret, false)).as("answered once").isEmpty();
		assertThat(this.processor.cancel("pay-1")).as("too late to withdraw").isInstanceOf(ChargeOutcome.Charged.class);
	}

	@Test
	void aChargeTheCustomerRefusesOrLeavesIsDeclined() {
		ChargeOutcome.ActionRequired refused = (ChargeOutcome.ActionRequired) charge("pay-1",
				tokenize("4000002500003155"));
		charge("pay-2", tokenize("4000002500003155"));

		this.processor.confirm(refused.clientSecret(), false);

		assertThat(this.processor.lookup("pay-1").orElseThrow()).isInstanceOfSatisfying(ChargeOutcome.Declined.class,
				(declined) -> assertThat(declined.code()).isEqualTo("authentication_failed"));
		assertThat(this.processor.cancel("pay-2")).isInstanceOfSatisfying(ChargeOutcome.Declined.class,
				(declined) -> assertThat(declined.code()).isEqualTo("authentication_not_completed"));
	}

	@Test
	void refundsGiveBackAtMostWhatWasChargedEachReferenceOnce() {
		String chargeId = ((ChargeOutcome.Charged) charge("pay-1", tokenize("4242424242424242"))).chargeId();

		RefundOutcome first = this.processor.refund(new RefundRequest("ref-1", chargeId, new BigDecimal("10.00"), USD));
		RefundOutcome again = this.processor.refund(new RefundRequest("ref-1", chargeId, new BigDecimal("10.00"), USD));
		RefundOutcome tooMuch = this.processor
			.refund(new RefundRequest("ref-2", chargeId, new BigDecimal("15.01"), USD));
		RefundOutcome rest = this.processor.refund(new RefundRequest("ref-3", chargeId, new BigDecimal("15.00"), USD));

		assertThat(first).isInstanceOf(RefundOutcome.Refunded.class).isEqualTo(again);
		assertThat(tooMuch).isInstanceOf(RefundOutcome.Refused.class);
		assertThat(rest).isInstanceOf(RefundOutcome.Refunded.class).isNotEqualTo(first);
		assertThat(this.processor.refund(new RefundRequest("ref-4", "ch_unknown", BigDecimal.ONE, USD)))
			.isInstanceOf(RefundOutcome.Refused.class);
	}

	@Test
	void invalidNumbersAreRefusedWithoutRepeatingThem() {
		assertThatThrownBy(() -> this.processor.tokenize(card("4242424242424241")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageNotContaining("4242");
		assertThatThrownBy(() -> this.processor.tokenize(card("4242 4242 4242 4242")))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.processor.tokenize(card("42424242426")))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void sameReferenceNeverChargesTwice() {
		String token = tokenize("4242424242424242");

		ChargeOutcome first = charge("pay-1", token);
		ChargeOutcome again = charge("pay-1", token);
		ChargeOutcome other = charge("pay-2", token);

		assertThat(again).isEqualTo(first);
		assertThat(other).isNotEqualTo(first);
		assertThat(this.processor.lookup("pay-1")).contains(first);
	}

	@Test
	void secondCallWithAReferenceReturnsTheFirstOutcomeWhateverItCarries() {
		ChargeOutcome declined = charge("pay-1", tokenize("4000000000000002"));

		assertThat(charge("pay-1", tokenize("4242424242424242"))).isEqualTo(declined);
	}

	@Test
	void lookupIsEmptyForAReferenceNeverCharged() {
		assertThat(this.processor.lookup("pay-never")).isEmpty();
	}

	@Test
	void timeoutAfterChargeChargesButLosesTheAnswer() {
		String token = tokenize("4242424242424242");
		this.processor.failNext(FailureMode.TIMEOUT_AFTER_CHARGE);

		assertThatThrownBy(() -> charge("pay-1", token)).isInstanceOf(OutcomeUnknown.class);

		ChargeOutcome known = this.processor.lookup("pay-1").orElseThrow();
		assertThat(known).isInstanceOf(ChargeOutcome.Charged.class);
		assertThat(charge("pay-1", token)).as("a retry finds the first charge").isEqualTo(known);
	}

	@Test
	void timeoutBeforeChargeChargesNothing() {
		String token = tokenize("4242424242424242");
		this.processor.failNext(FailureMode.TIMEOUT_BEFORE_CHARGE);

		assertThatThrownBy(() -> charge("pay-1", token)).isInstanceOf(OutcomeUnknown.class);

		assertThat(this.processor.lookup("pay-1")).isEmpty();
		assertThat(charge("pay-1", token)).as("only the next charge fails").isInstanceOf(ChargeOutcome.Charged.class);
	}

	@Test
	void failNextNoneClearsAFailureNotYetUsed() {
		this.processor.failNext(FailureMode.TIMEOUT_BEFORE_CHARGE);
		this.processor.failNext(FailureMode.NONE);

		assertThat(charge("pay-1", tokenize("4242424242424242"))).isInstanceOf(ChargeOutcome.Charged.class);
	}

	@Test
	void configuredFailureModeAppliesToEveryCharge() {
		SimulatedProcessor failing = new SimulatedProcessor(Duration.ZERO, FailureMode.TIMEOUT_AFTER_CHARGE);
		String token = failing.tokenize(card("4242424242424242"));
		failing.attach(ACCOUNT, token);

		assertThatThrownBy(() -> failing.charge(new ChargeRequest("pay-1", ACCOUNT, token, BigDecimal.ONE, USD)))
			.isInstanceOf(OutcomeUnknown.class);
		assertThatThrownBy(() -> failing.charge(new ChargeRequest("pay-2", ACCOUNT, token, BigDecimal.ONE, USD)))
			.isInstanceOf(OutcomeUnknown.class);
		assertThat(failing.lookup("pay-1")).isPresent();
		assertThat(failing.lookup("pay-2")).isPresent();
	}

	@Test
	void chargeTakesTheConfiguredLatency() {
		SimulatedProcessor slow = new SimulatedProcessor(Duration.ofMillis(120), FailureMode.NONE);
		String token = slow.tokenize(card("4242424242424242"));
		long started = System.nanoTime();
		slow.charge(new ChargeRequest("pay-1", ACCOUNT, token, BigDecimal.ONE, USD));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
	}

	@Test
	void unknownTokenIsDeclined() {
		assertThat(charge("pay-1", "tok_other_123")).isInstanceOfSatisfying(ChargeOutcome.Declined.class,
				(declined) -> assertThat(declined.code()).isEqualTo("invalid_token"));
	}

	@Test
	void cardDetailsNeverShowTheNumberOrCvc() {
		assertThat(card("4242424242424242")).asString().doesNotContain("4242424242424242", "737");
	}

	/** A card tokenised and attached to {@link #ACCOUNT}, as saving it does. */
	private String tokenize(String number) {
		String token = this.processor.tokenize(card(number));
		this.processor.attach(ACCOUNT, token);
		return token;
	}

	private ChargeOutcome charge(String reference, String token) {
		return this.processor.charge(new ChargeRequest(reference, ACCOUNT, token, new BigDecimal("25.00"), USD));
	}

	private static CardDetails card(String number) {
		return new CardDetails(number, 12, 2030, "737", "Ada Lovelace");
	}

}
