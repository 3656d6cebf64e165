package dev.portico.payment.processor;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * A card processor in memory, with the test cards of the API documentation: {@code 4242424242424242} is charged,
 * {@code 4000000000000002} is declined ({@code card_declined}), {@code 4000000000009995} is declined for
 * insufficient funds ({@code insufficient_funds}); any other valid number is charged.
 * <p>
 * What a card will do is written into its token, so saved cards keep behaving the same after a restart. Charges
 * are remembered by reference for {@link #lookup}, but only until the process ends, as a real processor's would not
 * be: a payment whose answer was lost across a restart is never found again and the reconciler gives up on it.
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
		TIMEOUT_AFTER_CHARGE

	}

	static final String TOKEN_PREFIX = "tok_sim_";

	private final Duration latency;

	private final FailureMode standingFailure;

	private final AtomicReference<FailureMode> nextFailure = new AtomicReference<>(FailureMode.NONE);

	private final Map<String, ChargeOutcome> charges = new ConcurrentHashMap<>();

	@Autowired
	SimulatedProcessor(SimulatedProcessorProperties properties) {
		this(properties.latency(), properties.failureMode());
	}

	/** For tests without Spring: charges take {@code latency} and fail as {@code failureMode} says. */
	public SimulatedProcessor(Duration latency, FailureMode failureMode) {
		this.latency = Objects.requireNonNull(latency);
		this.standingFailure = (failureMode != null) ? failureMode : FailureMode.NONE;
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
		waitForTheNetwork();
		if (failure == FailureMode.TIMEOUT_BEFORE_CHARGE) {
			throw lostAnswer(request.reference());
		}
		// The same reference never charges twice: a retry gets the first outcome.
		ChargeOutcome outcome = this.charges.computeIfAbsent(request.reference(),
				(reference) -> decide(request.token()));
		if (failure == FailureMode.TIMEOUT_AFTER_CHARGE) {
			throw lostAnswer(request.reference());
		}
		return outcome;
	}

	@Override
	public Optional<ChargeOutcome> lookup(String reference) {
		return Optional.ofNullable(this.charges.get(reference));
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

	private void waitForTheNetwork() {
		if (this.latency.isZero() || this.latency.isNegative()) {
			return;
		}
		try {
			Thread.sleep(this.latency);
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
