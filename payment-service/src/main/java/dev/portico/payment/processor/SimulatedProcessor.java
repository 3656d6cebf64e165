package dev.portico.payment.processor;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A card processor in memory, with the test cards of the API documentation: {@code 4242424242424242} is charged,
 * {@code 4000000000000002} is declined ({@code card_declined}), {@code 4000000000009995} is declined for
 * insufficient funds ({@code insufficient_funds}); any other valid number is charged.
 * <p>
 * What a card will do is written into its token, so saved cards keep behaving the same after a restart. Charges
 * are remembered by reference for {@link #lookup} and so that a reference is charged at most once: in the
 * simulator's own table when it runs in the service (so that, like a real processor's, its memory outlives any
 * restart of ours), in memory in unit tests.
 * <p>
 * Operations staff may make it slow or failing at run time ({@link SimulatorController}), to rehearse a processor
 * outage in a whole environment.
 * <p>
 * It plays an external system, so it checks card numbers itself rather than trusting our validation.
 */
@Component
@EnableConfigurationProperties(SimulatedProcessorProperties.class)
public class SimulatedProcessor implements PaymentProcessor {

	/** How the next charge loses its answer. */
	public enum FailureMode {

		NONE,

		/** The request never reaches the processor: nothing is charged, and the caller cannot know. */
		TIMEOUT_BEFORE_CHARGE,

		/** The processor charges, then the answer is lost: {@link #lookup} knows the charge, the caller does not. */
		TIMEOUT_AFTER_CHARGE,

		/** The processor never answers, neither charges nor lookups, and charges nothing: callers time out. */
		NO_ANSWER

	}

	static final String TOKEN_PREFIX = "tok_sim_";

	private static final Duration NEVER = Duration.ofMinutes(10);

	private volatile Duration latency;

	private volatile FailureMode standingFailure;

	private final AtomicReference<FailureMode> nextFailure = new AtomicReference<>(FailureMode.NONE);

	private final ChargeBook charges;

	@Autowired
	SimulatedProcessor(SimulatedProcessorProperties properties, JdbcClient jdbc) {
		this(properties.latency(), properties.failureMode(), new TableChargeBook(jdbc));
	}

	/** For tests without Spring: charges take {@code latency} and fail as {@code failureMode} says. */
	public SimulatedProcessor(Duration latency, FailureMode failureMode) {
		this(latency, failureMode, new MemoryChargeBook());
	}

	private SimulatedProcessor(Duration latency, FailureMode failureMode, ChargeBook charges) {
		this.latency = Objects.requireNonNull(latency);
		this.standingFailure = (failureMode != null) ? failureMode : FailureMode.NONE;
		this.charges = charges;
	}

	/** How every call behaves from now on: its latency, and how every charge fails. */
	public void behave(Duration latency, FailureMode failureMode) {
		this.latency = Objects.requireNonNull(latency);
		this.standingFailure = Objects.requireNonNull(failureMode);
	}

	public Duration latency() {
		return this.latency;
	}

	public FailureMode failureMode() {
		return this.standingFailure;
	}

	/**
	 * Makes the next charge fail as {@code mode} says (instead of the configured failure mode); {@code NONE} clears
	 * a failure that no charge has used up yet.
	 */
	public void failNext(FailureMode mode) {
		this.nextFailure.set(Objects.requireNonNull(mode));
	}

	@Override
	public CardToken tokenize(CardDetails card) {
		String number = card.number();
		if (number == null || !number.matches("[0-9]{12,19}") || !CardNumbers.luhnValid(number)) {
			// Never the number itself: this message may end up in a log.
			throw new IllegalArgumentException("Not a valid card number");
		}
		String token = TOKEN_PREFIX + Behaviour.of(number).tokenPart + "_" + random();
		return new CardToken(token, brand(number), number.substring(number.length() - 4));
	}

	@Override
	public ChargeOutcome charge(ChargeRequest request) {
		Objects.requireNonNull(request.reference(), "reference");
		Objects.requireNonNull(request.token(), "token");
		if (request.amount() == null || request.amount().signum() <= 0) {
			throw new IllegalArgumentException("The amount must be positive");
		}
		FailureMode failure = this.nextFailure.getAndSet(FailureMode.NONE);
		if (failure == FailureMode.NONE) {
			failure = this.standingFailure;
		}
		waitForTheNetwork(failure);
		if (failure == FailureMode.TIMEOUT_BEFORE_CHARGE) {
			throw lostAnswer(request.reference());
		}
		// The same reference never charges twice: a retry gets the first outcome.
		ChargeOutcome outcome = this.charges.once(request, () -> decide(request.token()));
		if (failure == FailureMode.TIMEOUT_AFTER_CHARGE) {
			throw lostAnswer(request.reference());
		}
		return outcome;
	}

	@Override
	public Optional<ChargeOutcome> lookup(String reference) {
		waitForTheNetwork(this.standingFailure);
		return this.charges.outcomeOf(reference);
	}

	private static ChargeOutcome decide(String token) {
		Behaviour behaviour = Behaviour.ofToken(token);
		if (behaviour == null) {
			return new ChargeOutcome.Declined("invalid_token", "The card is not known to the processor.");
		}
		return switch (behaviour) {
			case OK -> new ChargeOutcome.Charged("ch_sim_" + random());
			case DECLINED -> new ChargeOutcome.Declined("card_declined", "The card was declined.");
			case NO_FUNDS -> new ChargeOutcome.Declined("insufficient_funds", "The card has insufficient funds.");
		};
	}

	private void waitForTheNetwork(FailureMode failure) {
		Duration wait = (failure == FailureMode.NO_ANSWER) ? NEVER : this.latency;
		if (wait.isZero() || wait.isNegative()) {
			return;
		}
		try {
			Thread.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OutcomeUnknown("Interrupted while waiting for the processor", ex);
		}
	}

	private static OutcomeUnknown lostAnswer(String reference) {
		return new OutcomeUnknown("Simulated timeout: no answer from the processor for charge " + reference,
				new TimeoutException("simulated"));
	}

	/** The card network by the number's prefix (IIN ranges); {@code unknown} for every other network. */
	static String brand(String number) {
		int two = Integer.parseInt(number.substring(0, 2));
		int three = Integer.parseInt(number.substring(0, 3));
		int four = Integer.parseInt(number.substring(0, 4));
		if (number.startsWith("4")) {
			return "visa";
		}
		if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
			return "mastercard";
		}
		if (two == 34 || two == 37) {
			return "amex";
		}
		if (four == 6011 || two == 65 || (three >= 644 && three <= 649)) {
			return "discover";
		}
		return "unknown";
	}

	/** The simulator's record of charges by reference. */
	private interface ChargeBook {

		/** The outcome recorded for the request's reference, deciding and recording it the first time. */
		ChargeOutcome once(ChargeRequest request, Supplier<ChargeOutcome> decide);

		Optional<ChargeOutcome> outcomeOf(String reference);

	}

	private static final class MemoryChargeBook implements ChargeBook {

		private final Map<String, ChargeOutcome> charges = new ConcurrentHashMap<>();

		@Override
		public ChargeOutcome once(ChargeRequest request, Supplier<ChargeOutcome> decide) {
			return this.charges.computeIfAbsent(request.reference(), (reference) -> decide.get());
		}

		@Override
		public Optional<ChargeOutcome> outcomeOf(String reference) {
			return Optional.ofNullable(this.charges.get(reference));
		}

	}

	/** In {@code simulated_charge}, each statement on its own: the processor is not part of our transactions. */
	private static final class TableChargeBook implements ChargeBook {

		private final JdbcClient jdbc;

		TableChargeBook(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public ChargeOutcome once(ChargeRequest request, Supplier<ChargeOutcome> decide) {
			ChargeOutcome outcome = decide.get();
			boolean charged = outcome instanceof ChargeOutcome.Charged;
			this.jdbc.sql("""
					INSERT INTO simulated_charge (reference, charged, charge_id, code, message, amount, currency)
					VALUES (:reference, :charged, :chargeId, :code, :message, :amount, :currency)
					ON CONFLICT (reference) DO NOTHING""")
				.param("reference", request.reference())
				.param("charged", charged)
				.param("chargeId", (outcome instanceof ChargeOutcome.Charged c) ? c.chargeId() : null)
				.param("code", (outcome instanceof ChargeOutcome.Declined d) ? d.code() : null)
				.param("message", (outcome instanceof ChargeOutcome.Declined d) ? d.message() : null)
				.param("amount", request.amount())
				.param("currency", request.currency().getCurrencyCode())
				.update();
			// The first outcome recorded for the reference, whoever recorded it.
			return outcomeOf(request.reference()).orElseThrow();
		}

		@Override
		public Optional<ChargeOutcome> outcomeOf(String reference) {
			return this.jdbc.sql("SELECT charged, charge_id, code, message FROM simulated_charge WHERE reference = :r")
				.param("r", reference)
				.query((rs, row) -> rs.getBoolean("charged") ? (ChargeOutcome) new ChargeOutcome.Charged(rs.getString("charge_id"))
						: new ChargeOutcome.Declined(rs.getString("code"), rs.getString("message")))
				.optional();
		}

	}

	private static String random() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	/** What charging a card will do, by test card number, as its token says. */
	private enum Behaviour {

		OK("ok"), DECLINED("declined"), NO_FUNDS("nofunds");

		final String tokenPart;

		Behaviour(String tokenPart) {
			this.tokenPart = tokenPart;
		}

		static Behaviour of(String number) {
			return switch (number) {
				case "4000000000000002" -> DECLINED;
				case "4000000000009995" -> NO_FUNDS;
				default -> OK;
			};
		}

		static Behaviour ofToken(String token) {
			for (Behaviour behaviour : values()) {
				if (token.startsWith(TOKEN_PREFIX + behaviour.tokenPart + "_")) {
					return behaviour;
				}
			}
			return null;
		}

	}

}
