package dev.portico.payment.processor;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;

import dev.portico.payment.processor.PaymentProcessor.CardDetails;
import dev.portico.payment.processor.PaymentProcessor.CardToken;
import dev.portico.payment.processor.PaymentProcessor.ChargeOutcome;
import dev.portico.payment.processor.PaymentProcessor.ChargeRequest;
import dev.portico.payment.processor.PaymentProcessor.OutcomeUnknown;
import dev.portico.payment.processor.SimulatedProcessor.FailureMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedProcessorTest {

	private static final Currency USD = Currency.getInstance("USD");

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
	void tokenSaysWhatTheCardWillDoSoThatSavedCardsSurviveARestart() {
		String token = tokenize("4000000000000002");

		SimulatedProcessor restarted = new SimulatedProcessor(Duration.ZERO, FailureMode.NONE);

		assertThat(token).startsWith("tok_sim_declined_");
		assertThat(tokenize("4242424242424242")).startsWith("tok_sim_ok_");
		assertThat(tokenize("4000000000009995")).startsWith("tok_sim_nofunds_");
		assertThat(restarted.charge(new ChargeRequest("pay-1", token, BigDecimal.TEN, USD)))
			.isInstanceOf(ChargeOutcome.Declined.class);
	}

	@Test
	void tokensAreNeverTheSameAndNeverContainTheNumber() {
		CardToken first = this.processor.tokenize(card("4242424242424242"));
		CardToken second = this.processor.tokenize(card("4242424242424242"));

		assertThat(first.token()).isNotEqualTo(second.token()).doesNotContain("4242424242424242", "424242");
		assertThat(first.last4()).isEqualTo("4242");
	}

	@ParameterizedTest
	@CsvSource({ "4242424242424242, visa", "4000056655665556, visa", "5555555555554444, mastercard",
			"5105105105105100, mastercard", "2223003122003222, mastercard", "2720990000000007, mastercard",
			"378282246310005, amex", "371449635398431, amex", "6011111111111117, discover", "6500000000000002, discover",
			"6445644564456445, discover", "3566002020360505, unknown", "2721000000000004, unknown",
			"6430000000000007, unknown" })
	void brandComesFromTheNumbersPrefix(String number, String brand) {
		assertThat(CardNumbers.luhnValid(number)).as("test number must be valid").isTrue();
		CardToken token = this.processor.tokenize(card(number));

		assertThat(token.brand()).isEqualTo(brand);
		assertThat(token.last4()).isEqualTo(number.substring(number.length() - 4));
	}

	@Test
	void invalidNumbersAreRefusedWithoutRepeatingThem() {
		assertThatThrownBy(() -> this.processor.tokenize(card("4242424242424241")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageNotContaining("4242");
		assertThatThrownBy(() -> this.processor.tokenize(card("4242 4242 4242 4242")))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.processor.tokenize(card("42424242426"))).isInstanceOf(IllegalArgumentException.class);
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
		String token = failing.tokenize(card("4242424242424242")).token();

		assertThatThrownBy(() -> failing.charge(new ChargeRequest("pay-1", token, BigDecimal.ONE, USD)))
			.isInstanceOf(OutcomeUnknown.class);
		assertThatThrownBy(() -> failing.charge(new ChargeRequest("pay-2", token, BigDecimal.ONE, USD)))
			.isInstanceOf(OutcomeUnknown.class);
		assertThat(failing.lookup("pay-1")).isPresent();
		assertThat(failing.lookup("pay-2")).isPresent();
	}

	@Test
	void chargeTakesTheConfiguredLatency() {
		SimulatedProcessor slow = new SimulatedProcessor(Duration.ofMillis(120), FailureMode.NONE);
		String token = slow.tokenize(card("4242424242424242")).token();

		long started = System.nanoTime();
		slow.charge(new ChargeRequest("pay-1", token, BigDecimal.ONE, USD));

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

	private String tokenize(String number) {
		return this.processor.tokenize(card(number)).token();
	}

	private ChargeOutcome charge(String reference, String token) {
		return this.processor.charge(new ChargeRequest(reference, token, new BigDecimal("25.00"), USD));
	}

	private static CardDetails card(String number) {
		return new CardDetails(number, 12, 2030, "737", "Ada Lovelace");
	}

}
