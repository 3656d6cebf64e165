package dev.portico.payment.method;

import java.time.Clock;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.portico.payment.processor.PaymentProcessor;
import dev.portico.payment.processor.PaymentProcessor.CardToken;
import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.InvalidFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An account's saved cards. Every change runs under the account's lock, so that the account always has exactly one
 * default while it has any card, and never more than {@link #MAX_PER_ACCOUNT}.
 */
@Service
class PaymentMethodService {

	/** Enough for any household or business we serve; a bound keeps a script from filling the table. */
	static final int MAX_PER_ACCOUNT = 20;

	private static final Logger log = LoggerFactory.getLogger(PaymentMethodService.class);

	private final PaymentMethodRepository methods;

	private final PaymentProcessor processor;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PaymentMethodService(PaymentMethodRepository methods, PaymentProcessor processor,
			TransactionTemplate transactions, Clock clock) {
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
	 * Checks the card, exchanges it for the processor's token and saves what we keep of it. The account's first card
	 * becomes its default, as does one added with {@code makeDefault}.
	 */
	PaymentMethod add(UUID accountId, AddPaymentMethodRequest request) {
		NewCard card = CardRules.check(request, YearMonth.now(this.clock));
		// A full account is refused before the card travels to the processor; the lock below settles races.
		if (this.methods.count(accountId) >= MAX_PER_ACCOUNT) {
			throw new TooManyPaymentMethods(MAX_PER_ACCOUNT);
		}
		CardToken token = this.processor.tokenize(card.details());
		PaymentMethod added = this.transactions.execute((status) -> {
			this.methods.lockAccount(accountId);
			int count = this.methods.count(accountId);
			if (count >= MAX_PER_ACCOUNT) {
				throw new TooManyPaymentMethods(MAX_PER_ACCOUNT);
			}
			boolean isDefault = count == 0 || card.makeDefault();
			if (isDefault) {
				this.methods.clearDefault(accountId);
			}
			PaymentMethod method = new PaymentMethod(UUID.randomUUID(), accountId, token.token(), token.brand(),
					token.last4(), card.expMonth(), card.expYear(), card.holderName(), isDefault,
					this.clock.instant().truncatedTo(ChronoUnit.MICROS));
			this.methods.insert(method);
			return method;
		});
		log.info("Payment method {} added to account {}: {} ending {}", added.id(), accountId, added.brand(),
				added.last4());
		return added;
	}

	/** Makes the card the default ({@code isDefault: true}) or records a renewed card's expiry, or both. */
	PaymentMethod update(UUID accountId, UUID id, UpdatePaymentMethodRequest request) {
		List<FieldError> errors = new ArrayList<>();
		boolean newExpiry = request.expMonth() != null || request.expYear() != null;
		if (Boolean.FALSE.equals(request.isDefault())) {
			errors.add(new FieldError("isDefault",
					"cannot be set to false: choose another payment method as the default instead"));
		}
		if (newExpiry) {
			CardRules.expiry(request.expMonth(), request.expYear(), YearMonth.now(this.clock), errors);
		}
		else if (request.isDefault() == null) {
			errors.add(new FieldError("expMonth", "is required unless isDefault is sent"));
			errors.add(new FieldError("expYear", "is required unless isDefault is sent"));
		}
		return this.transactions.execute((status) -> {
			this.methods.lockAccount(accountId);
			PaymentMethod method = get(accountId, id);
			// An unknown card answers 404 whatever the body, as it would for any other request.
			if (!errors.isEmpty()) {
				throw new InvalidFields(errors);
			}
			if (Boolean.TRUE.equals(request.isDefault()) && !method.isDefault()) {
				this.methods.makeDefault(accountId, id);
			}
			if (newExpiry) {
				this.methods.updateExpiry(accountId, id, request.expMonth(), request.expYear());
			}
			return get(accountId, id);
		});
	}

	/** Deletes the card; when it was the default, the newest remaining card becomes the default. */
	void remove(UUID accountId, UUID id) {
		this.transactions.executeWithoutResult((status) -> {
			this.methods.lockAccount(accountId);
			PaymentMethod method = get(accountId, id);
			this.methods.delete(accountId, id);
			if (method.isDefault()) {
				this.methods.makeNewestDefault(accountId);
			}
		});
		log.info("Payment method {} removed from account {}", id, accountId);
	}

}
