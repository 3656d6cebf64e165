package dev.portico.payment.processor.simulated;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.portico.payment.processor.CardNumbers;
import dev.portico.payment.processor.PaymentProcessor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A card processor for local runs and tests, with the test cards of the API
 * documentation: {@code 4242424242424242} is charged, {@code 4000000000000002} is
 * declined ({@code card_declined}), {@code 4000000000009995} is declined for insufficient
 * funds ({@code insufficient_funds}); any other valid number is charged.
 * <p>
 * Cards come to it through its own card form ({@link SimulatorTokensController}), as they
 * come to a real processor from its browser element, and leave it as tokens. What a card
 * will do is written into its token. Cards, charges and refunds are remembered by token
 * and reference, so that a reference is charged at most once and {@link #lookup} can
 * tell: in the simulator's own tables when it runs in the service (so that, like a real
 * processor's, its memory outlives any restart of ours), in memory in unit tests. It
 * takes no real money, so no profile named {@code prod} starts with it.
 * <p>
 * Operations staff may make it slow or failing at run time ({@link SimulatorController}),
 * to rehearse a processor outage in a whole environment.
 * <p>
 * It plays an external system, so it checks card numbers itself rather than trusting our
 * validation.
 */
@Component
@WhenSimulated
@EnableConfigurationProperties(SimulatedProcessorProperties.class)
public class SimulatedProcessor implements PaymentProcessor {

	/** How the next charge loses its answer. */
	public enum FailureMode {

		NONE,

		/**
		 * The request never reaches the processor: nothing is charged, and the caller
		 * cannot know.
		 */
		TIMEOUT_BEFORE_CHARGE,

		/**
		 * The processor charges, then the answer is lost: {@link #lookup} knows the
		 * charge, the caller does not.
		 */
		TIMEOUT_AFTER_CHARGE,

		/**
		 * The processor never answers, neither charges nor lookups, and charges nothing:
		 * callers time out.
		 */
		NO_ANSWER

	}

	static final String TOKEN_PREFIX = "pm_sim_";

	private static final String SECRET_INFIX = "_secret_";

	/**
	 * Tokens of cards saved by earlier versions, which took the card from
	 * payment-service's API.
	 */
	private static final String EARLIER_TOKEN_PREFIX = "tok_sim_";

	private static final Duration NEVER = Duration.ofMinutes(10);

	private volatile Duration latency;

	private volatile FailureMode standingFailure;

	private final AtomicReference<FailureMode> nextFailure = new AtomicReference<>(FailureMode.NONE);

	private final ChargeBook charges;

	private final SimulatedBooks.Cards cards;

	private final SimulatedBooks.Refunds refunds;

	@Autowired
	SimulatedProcessor(SimulatedProcessorProperties properties, JdbcClient jdbc, Environment environment) {
		this(properties.latency(), properties.failureMode(), new TableChargeBook(jdbc),
				new SimulatedBooks.TableCards(jdbc), new SimulatedBooks.TableRefunds(jdbc));
		if (environment.matchesProfiles("prod")) {
			throw new IllegalStateException("The simulated payment processor takes no real money and does not run "
					+ "under the prod profile: set portico.payments.processor=stripe (PORTICO_PAYMENTS_PROCESSOR) "
					+ "with the processor's keys");
		}
	}

	/**
	 * For tests without Spring: charges take {@code latency} and fail as
	 * {@code failureMode} says.
	 */
	public SimulatedProcessor(Duration latency, FailureMode failureMode) {
		this(latency, failureMode, new MemoryChargeBook(), new SimulatedBooks.MemoryCards(),
				new SimulatedBooks.MemoryRefunds());
	}

	private SimulatedProcessor(Duration latency, FailureMode failureMode, ChargeBook charges,
			SimulatedBooks.Cards cards, SimulatedBooks.Refunds refunds) {
		this.latency = Objects.requireNonNull(latency);
		this.standingFailure = (failureMode != null) ? failureMode : FailureMode.NONE;
		this.charges = charges;
		this.cards = cards;
		this.refunds = refunds;
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
	 * Makes the next charge fail as {@code mode} says (instead of the configured failure
	 * mode); {@code NONE} clears a failure that no charge has used up yet.
	 */
	public void failNext(FailureMode mode) {
		this.nextFailure.set(Objects.requireNonNull(mode));
	}

	/**
	 * What the simulator's card form does with a card that passed {@link CardRules}:
	 * keeps what a processor keeps of it and gives back its token. The number and CVC go
	 * no further.
	 */
	public String tokenize(CardDetails card) {
		String number = card.number();
		if (number == null || !number.matches("[0-9]{12,19}") || !CardNumbers.luhnValid(number)) {
			// Never the number itself: this message may end up in a log.
			throw new IllegalArgumentException("Not a valid card number");
		}
		String token = TOKEN_PREFIX + Behaviour.of(number).tokenPart + "_" + random();
		this.cards.add(token, new SavedCard(brand(number), number.substring(number.length() - 4), card.expMonth(),
				card.expYear(), card.holderName()));
		return token;
	}

	/** The simulator's card form needs nothing prepared. */
	@Override
	public Optional<String> prepareCardSetup(UUID accountId) {
		return Optional.empty();
	}

	@Override
	public SavedCard attach(UUID accountId, String token) {
		waitForTheNetwork(this.standingFailure);
		if (token == null || Behaviour.ofToken(token) == null) {
			throw new TokenRefused("The processor does not know this card token.");
		}
		return this.cards.attach(token, accountId)
			.orElseThrow(() -> new TokenRefused(
					"The processor does not know this card token, or it belongs to " + "another customer."));
	}

	@Override
	public void updateExpiry(String token, int expMonth, int expYear) {
		this.cards.updateExpiry(token, expMonth, expYear);
	}

	@Override
	public void detach(String token) {
		this.cards.detach(token);
	}

	@Override
	public RefundOutcome refund(RefundRequest request) {
		waitForTheNetwork(this.standingFailure);
		Optional<BigDecimal> charged = this.charges.chargedAmount(request.chargeId());
		if (charged.isEmpty()) {
			return new RefundOutcome.Refused("charge_not_found", "The processor knows no such charge.");
		}
		return this.refunds.once(request, charged.get());
	}

	@Override
	public ChargeOutcome charge(ChargeRequest request) {
		Objects.requireNonNull(request.reference(), "reference");
		Objects.requireNonNull(request.accountId(), "accountId");
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
		ChargeOutcome outcome = this.charges.once(request, () -> decide(request));
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

	private ChargeOutcome decide(ChargeRequest request) {
		Behaviour behaviour = Behaviour.ofToken(request.token());
		if (behaviour == null || !this.cards.belongsTo(request.token(), request.accountId())) {
			return new ChargeOutcome.Declined("invalid_token", "The card is not known to the processor.");
		}
		return switch (behaviour) {
			case OK -> new ChargeOutcome.Charged("ch_sim_" + random());
			case DECLINED -> new ChargeOutcome.Declined("card_declined", "The card was declined.");
			case NO_FUNDS -> new ChargeOutcome.Declined("insufficient_funds", "The card has insufficient funds.");
			case AUTHENTICATE ->
				new ChargeOutcome.ActionRequired("ch_sim_" + random(), request.reference() + SECRET_INFIX + random());
		};
	}

	/**
	 * The customer answered their bank's challenge for the charge {@code clientSecret}
	 * stands for: charged when approved, declined otherwise. Empty when no charge waits
	 * for that secret.
	 * @return the charge's reference, whose payment now has an outcome to learn
	 */
	public Optional<String> confirm(String clientSecret, boolean approved) {
		int infix = (clientSecret != null) ? clientSecret.indexOf(SECRET_INFIX) : -1;
		if (infix <= 0) {
			return Optional.empty();
		}
		String reference = clientSecret.substring(0, infix);
		boolean waiting = this.charges.outcomeOf(reference)
			.filter((outcome) -> outcome instanceof ChargeOutcome.ActionRequired action
					&& action.clientSecret().equals(clientSecret))
			.isPresent();
		if (!waiting) {
			return Optional.empty();
		}
		this.charges.resolve(reference, approved ? null
				: new ChargeOutcome.Declined("authentication_failed", "The card's bank did not confirm the payment."));
		return Optional.of(reference);
	}

	@Override
	public ChargeOutcome cancel(String reference) {
		waitForTheNetwork(this.standingFailure);
		this.charges.resolve(reference, new ChargeOutcome.Declined("authentication_not_completed",
				"The payment was not confirmed with the card's bank in time."));
		return this.charges.outcomeOf(reference)
			.orElseGet(() -> new ChargeOutcome.Declined("canceled", "The payment was withdrawn."));
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

	/**
	 * The card network by the number's prefix (IIN ranges); {@code unknown} for every
	 * other network.
	 */
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

		/**
		 * The outcome recorded for the request's reference, deciding and recording it the
		 * first time.
		 */
		ChargeOutcome once(ChargeRequest request, Supplier<ChargeOutcome> decide);

		Optional<ChargeOutcome> outcomeOf(String reference);

		/** The amount of a charge that took money, by the charge's id. */
		Optional<BigDecimal> chargedAmount(String chargeId);

		/**
		 * Ends a charge waiting for the customer: charged when {@code declined} is null,
		 * else declined. A charge that does not wait is left as it is.
		 */
		void resolve(String reference, ChargeOutcome.Declined declined);

	}

	private static final class MemoryChargeBook implements ChargeBook {

		private final Map<String, ChargeOutcome> charges = new ConcurrentHashMap<>();

		private final Map<String, BigDecimal> amounts = new ConcurrentHashMap<>();

		@Override
		public ChargeOutcome once(ChargeRequest request, Supplier<ChargeOutcome> decide) {
			return this.charges.computeIfAbsent(request.reference(), (reference) -> {
				ChargeOutcome outcome = decide.get();
				if (outcome instanceof ChargeOutcome.Charged charged) {
					this.amounts.put(charged.chargeId(), request.amount());
				}
				if (outcome instanceof ChargeOutcome.ActionRequired action) {
					this.amounts.put(action.chargeId(), request.amount());
				}
				return outcome;
			});
		}

		@Override
		public Optional<BigDecimal> chargedAmount(String chargeId) {
			boolean charged = this.charges.values()
				.stream()
				.anyMatch((outcome) -> outcome instanceof ChargeOutcome.Charged c && c.chargeId().equals(chargeId));
			return charged ? Optional.ofNullable(this.amounts.get(chargeId)) : Optional.empty();
		}

		@Override
		public void resolve(String reference, ChargeOutcome.Declined declined) {
			this.charges.computeIfPresent(reference, (key, outcome) -> {
				if (!(outcome instanceof ChargeOutcome.ActionRequired action)) {
					return outcome;
				}
				if (declined != null) {
					return declined;
				}
				return new ChargeOutcome.Charged(action.chargeId());
			});
		}

		@Override
		public Optional<ChargeOutcome> outcomeOf(String reference) {
			return Optional.ofNullable(this.charges.get(reference));
		}

	}

	/**
	 * In {@code simulated_charge}, each statement on its own: the processor is not part
	 * of our transactions.
	 */
	private static final class TableChargeBook implements ChargeBook {

		/**
		 * A charge waiting for the customer: its message column holds the client secret.
		 */
		private static final String REQUIRES_ACTION = "requires_action";

		private final JdbcClient jdbc;

		TableChargeBook(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public ChargeOutcome once(ChargeRequest request, Supplier<ChargeOutcome> decide) {
			ChargeOutcome outcome = decide.get();
			boolean charged = outcome instanceof ChargeOutcome.Charged;
			ChargeOutcome.ActionRequired action = (outcome instanceof ChargeOutcome.ActionRequired a) ? a : null;
			this.jdbc.sql("""
					INSERT INTO simulated_charge (reference, charged, charge_id, code, message, amount, currency)
					VALUES (:reference, :charged, :chargeId, :code, :message, :amount, :currency)
					ON CONFLICT (reference) DO NOTHING""")
				.param("reference", request.reference())
				.param("charged", charged)
				.param("chargeId",
						(outcome instanceof ChargeOutcome.Charged c) ? c.chargeId()
								: (action != null) ? action.chargeId() : null)
				.param("code",
						(outcome instanceof ChargeOutcome.Declined d) ? d.code()
								: (action != null) ? REQUIRES_ACTION : null)
				.param("message",
						(outcome instanceof ChargeOutcome.Declined d) ? d.message()
								: (action != null) ? action.clientSecret() : null)
				.param("amount", request.amount())
				.param("currency", request.currency().getCurrencyCode())
				.update();
			// The first outcome recorded for the reference, whoever recorded it.
			return outcomeOf(request.reference()).orElseThrow();
		}

		@Override
		public Optional<BigDecimal> chargedAmount(String chargeId) {
			return this.jdbc.sql("SELECT amount FROM simulated_charge WHERE charge_id = :id AND charged")
				.param("id", chargeId)
				.query(BigDecimal.class)
				.optional();
		}

		@Override
		public Optional<ChargeOutcome> outcomeOf(String reference) {
			return this.jdbc.sql("SELECT charged, charge_id, code, message FROM simulated_charge WHERE reference = :r")
				.param("r", reference)
				.query((rs, row) -> rs.getBoolean("charged")
						? (ChargeOutcome) new ChargeOutcome.Charged(rs.getString("charge_id"))
						: REQUIRES_ACTION.equals(rs.getString("code"))
								? new ChargeOutcome.ActionRequired(rs.getString("charge_id"), rs.getString("message"))
								: new ChargeOutcome.Declined(rs.getString("code"), rs.getString("message")))
				.optional();
		}

		@Override
		public void resolve(String reference, ChargeOutcome.Declined declined) {
			this.jdbc.sql("""
					UPDATE simulated_charge SET charged = :charged, code = :code, message = :message
					WHERE reference = :reference AND code = :waiting""")
				.param("charged", declined == null)
				.param("code", (declined != null) ? declined.code() : null)
				.param("message", (declined != null) ? declined.message() : null)
				.param("reference", reference)
				.param("waiting", REQUIRES_ACTION)
				.update();
		}

	}

	static String random() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	/** What charging a card will do, by test card number, as its token says. */
	private enum Behaviour {

		OK("ok"), DECLINED("declined"), NO_FUNDS("nofunds"),

		/** The bank asks the customer to confirm every charge (3-D Secure). */
		AUTHENTICATE("3ds");

		final String tokenPart;

		Behaviour(String tokenPart) {
			this.tokenPart = tokenPart;
		}

		static Behaviour of(String number) {
			return switch (number) {
				case "4000000000000002" -> DECLINED;
				case "4000000000009995" -> NO_FUNDS;
				case "4000002500003155" -> AUTHENTICATE;
				default -> OK;
			};
		}

		static Behaviour ofToken(String token) {
			for (Behaviour behaviour : values()) {
				if (token.startsWith(TOKEN_PREFIX + behaviour.tokenPart + "_")
						|| token.startsWith(EARLIER_TOKEN_PREFIX + behaviour.tokenPart + "_")) {
					return behaviour;
				}
			}
			return null;
		}

	}

}
