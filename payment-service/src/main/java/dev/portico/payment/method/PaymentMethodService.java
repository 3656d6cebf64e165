package dev.portico.payment.method;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.portico.payment.processor.CardExpiry;
import dev.portico.payment.processor.PaymentProcessor;
import dev.portico.payment.processor.PaymentProcessor.SavedCard;
import dev.portico.platform.web.DependencyUnavailable;
import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.InvalidFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An account's saved cards. Every change runs under the account's lock, so that the
 * account always has exactly one default while it has any card, and never more than
 * {@link #MAX_PER_ACCOUNT}.
 */
@Service
class PaymentMethodService {

	/**
	 * Enough for any household or business we serve; a bound keeps a script from filling
	 * the table.
	 */
	static final int MAX_PER_ACCOUNT = 20;

	/** Processor tokens are short ids; anything longer is not one. */
	static final int MAX_TOKEN_LENGTH = 255;

	static final int MAX_HOLDER_NAME = 100;

	private static final Duration PROCESSOR_RETRY_AFTER = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(PaymentMethodService.class);

	private final PaymentMethodRepository methods;

	private final PaymentProcessor processor;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PaymentMethodService(PaymentMethodRepository methods, PaymentProcessor processor, TransactionTemplate transactions,
			Clock clock) {
		this.methods = methods;
		this.processor = processor;
		this.transactions = transactions;
		this.clock = clock;
	}

	List<PaymentMethod> list(UUID accountId) {
		return this.methods.list(accountId);
	}

	PaymentMethod get(UUID accountId, UUID id) {
		return this.methods.find(accountId, id).orElseThrow(PaymentMethodNotFound::new);
	}

	/**
	 * Has the processor keep the card behind the token for the account and saves what it
	 * tells of the card. The account's first card becomes its default, as does one added
	 * with {@code makeDefault}.
	 */
	PaymentMethod add(UUID accountId, AddPaymentMethodRequest request) {
		String token = request.processorToken();
		if (token == null || token.isBlank()) {
			throw InvalidFields.of("processorToken", "is required: the processor's token for the card");
		}
		if (token.length() > MAX_TOKEN_LENGTH || !token.matches("[A-Za-z0-9_]+")) {
			throw InvalidFields.of("processorToken", "is not a token of the processor");
		}
		// A full account is refused before the processor is asked; the lock below settles
		// races.
		if (this.methods.count(accountId) >= MAX_PER_ACCOUNT) {
			throw new TooManyPaymentMethods(MAX_PER_ACCOUNT);
		}
		if (this.methods.hasToken(accountId, token)) {
			throw new PaymentMethodAlreadySaved();
		}
		SavedCard card;
		try {
			card = this.processor.attach(accountId, token);
		}
		catch (PaymentProcessor.TokenRefused ex) {
			throw InvalidFields.of("processorToken", ex.getMessage());
		}
		catch (PaymentProcessor.OutcomeUnknown ex) {
			throw new DependencyUnavailable("card processor", PROCESSOR_RETRY_AFTER);
		}
		PaymentMethod added = this.transactions.execute((status) -> {
			this.methods.lockAccount(accountId);
			int count = this.methods.count(accountId);
			if (count >= MAX_PER_ACCOUNT) {
				throw new TooManyPaymentMethods(MAX_PER_ACCOUNT);
			}
			if (this.methods.hasToken(accountId, token)) {
				throw new PaymentMethodAlreadySaved();
			}
			boolean isDefault = count == 0 || Boolean.TRUE.equals(request.makeDefault());
			if (isDefault) {
				this.methods.clearDefault(accountId);
			}
			PaymentMethod method = new PaymentMethod(UUID.randomUUID(), accountId, token, card.brand(), card.last4(),
					card.expMonth(), card.expYear(), holderName(card), isDefault,
					this.clock.instant().truncatedTo(ChronoUnit.MICROS));
			this.methods.insert(method);
			return method;
		});
		log.info("Payment method {} added to account {}: {} ending {}", added.id(), accountId, added.brand(),
				added.last4());
		return added;
	}

	/** Processors keep the name only when the card form asked for it. */
	private static String holderName(SavedCard card) {
		String name = (card.holderName() != null) ? card.holderName().strip() : "";
		return name.isEmpty() ? "" : name.substring(0, Math.min(name.length(), MAX_HOLDER_NAME));
	}

	/**
	 * What the customer's browser or app needs to collect a card with the processor's own
	 * component.
	 */
	CardSetup setup(UUID accountId) {
		try {
			return this.processor.prepareCardSetup(accountId)
				.map((secret) -> new CardSetup("stripe", secret, null))
				.orElseGet(() -> new CardSetup("simulated", null, "/api/payment-simulator/tokens"));
		}
		catch (PaymentProcessor.OutcomeUnknown ex) {
			throw new DependencyUnavailable("card processor", PROCESSOR_RETRY_AFTER);
		}
	}

	/**
	 * @param clientSecret with Stripe: the SetupIntent that Stripe's card element or
	 * mobile SDK confirms
	 * @param tokensUrl with the simulated processor: its card form
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CardSetup(String processor, String clientSecret, String tokensUrl) {
	}

	/**
	 * Makes the card the default ({@code isDefault: true}) or records a renewed card's
	 * expiry, or both.
	 */
	PaymentMethod update(UUID accountId, UUID id, UpdatePaymentMethodRequest request) {
		List<FieldError> errors = new ArrayList<>();
		boolean newExpiry = request.expMonth() != null || request.expYear() != null;
		if (Boolean.FALSE.equals(request.isDefault())) {
			errors.add(new FieldError("isDefault",
					"cannot be set to false: choose another payment method as the default instead"));
		}
		if (newExpiry) {
			CardExpiry.check(request.expMonth(), request.expYear(), YearMonth.now(this.clock), errors);
		}
		else if (request.isDefault() == null) {
			errors.add(new FieldError("expMonth", "is required unless isDefault is sent"));
			errors.add(new FieldError("expYear", "is required unless isDefault is sent"));
		}
		return this.transactions.execute((status) -> {
			this.methods.lockAccount(accountId);
			PaymentMethod method = get(accountId, id);
			// An unknown card answers 404 whatever the body, as it would for any other
			// request.
			if (!errors.isEmpty()) {
				throw new InvalidFields(errors);
			}
			if (Boolean.TRUE.equals(request.isDefault()) && !method.isDefault()) {
				this.methods.makeDefault(accountId, id);
			}
			if (newExpiry) {
				try {
					this.processor.updateExpiry(method.processorToken(), request.expMonth(), request.expYear());
				}
				catch (PaymentProcessor.OutcomeUnknown ex) {
					throw new DependencyUnavailable("card processor", PROCESSOR_RETRY_AFTER);
				}
				this.methods.updateExpiry(accountId, id, request.expMonth(), request.expYear());
			}
			return get(accountId, id);
		});
	}

	/**
	 * Deletes the card, then lets the processor go of it; when it was the default, the
	 * newest remaining card becomes the default.
	 */
	void remove(UUID accountId, UUID id) {
		PaymentMethod removed = this.transactions.execute((status) -> {
			this.methods.lockAccount(accountId);
			PaymentMethod method = get(accountId, id);
			this.methods.delete(accountId, id);
			if (method.isDefault()) {
				this.methods.makeNewestDefault(accountId);
			}
			return method;
		});
		try {
			this.processor.detach(removed.processorToken());
		}
		catch (RuntimeException ex) {
			// Removed on our side, so never charged again by us; the processor keeps a
			// card it can no longer be asked for.
			log.warn("The processor did not let go of payment method {} of account {}: {}", id, accountId,
					ex.getMessage());
		}
		log.info("Payment method {} removed from account {}", id, accountId);
	}

}
