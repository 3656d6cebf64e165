package dev.portico.payment.processor.stripe;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodUpdateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.SetupIntentCreateParams;
import dev.portico.payment.processor.PaymentProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe as the card processor, through Stripe's Java SDK. Each account is one Stripe
 * customer; a saved card is a Stripe PaymentMethod attached to it (created in the
 * customer's browser or app by Stripe's card element or mobile SDK, confirming a
 * SetupIntent we prepare, so no card number ever reaches us); a payment is a
 * PaymentIntent confirmed at once.
 * <p>
 * Every request that creates something carries an idempotency key derived from our id
 * ({@code portico-payment-}, {@code portico-refund-}, {@code portico-customer-}), so a
 * retry or a reconciliation never charges, refunds or creates twice. Our payment id is
 * also the PaymentIntent's metadata, by which a lookup finds it. What Stripe answers maps
 * onto our outcomes: {@code succeeded} is charged; {@code requires_action} waits for the
 * customer (3-D Secure); a card error is declined; {@code processing}, a 5xx, a rate
 * limit or a network failure is unknown, for the reconciler.
 */
public class StripeProcessor implements PaymentProcessor {

	static final String PAYMENT_ID = "portico_payment_id";

	static final String ACCOUNT_ID = "portico_account_id";

	private static final Logger log = LoggerFactory.getLogger(StripeProcessor.class);

	private final StripeClient stripe;

	private final StripeCustomers customers;

	public StripeProcessor(StripeClient stripe, StripeCustomers customers) {
		this.stripe = stripe;
		this.customers = customers;
	}

	/**
	 * A SetupIntent for the account's customer: the card element confirms it, the card is
	 * kept for later payments.
	 */
	@Override
	public Optional<String> prepareCardSetup(UUID accountId) {
		try {
			return Optional.of(this.stripe.setupIntents()
				.create(SetupIntentCreateParams.builder()
					.setCustomer(customerOf(accountId))
					.addPaymentMethodType("card")
					.setUsage(SetupIntentCreateParams.Usage.ON_SESSION)
					.putMetadata(ACCOUNT_ID, accountId.toString())
					.build())
				.getClientSecret());
		}
		catch (StripeException ex) {
			throw unknown("preparing a card setup", ex);
		}
	}

	@Override
	public SavedCard attach(UUID accountId, String token) {
		String customer = customerOf(accountId);
		PaymentMethod method;
		try {
			method = this.stripe.paymentMethods().retrieve(token);
			if (method.getCustomer() == null) {
				method = this.stripe.paymentMethods()
					.attach(token, PaymentMethodAttachParams.builder().setCustomer(customer).build());
			}
			else if (!method.getCustomer().equals(customer)) {
				throw new TokenRefused("This card token belongs to another customer.");
			}
		}
		catch (InvalidRequestException | CardException ex) {
			// An unknown, used or unattachable token: the customer enters the card again.
			throw new TokenRefused((ex instanceof CardException) ? ex.getStripeError().getMessage()
					: "The processor does not know this card token.");
		}
		catch (StripeException ex) {
			throw unknown("attaching a card", ex);
		}
		if (method.getCard() == null) {
			throw new TokenRefused("Only cards are taken.");
		}
		PaymentMethod.Card card = method.getCard();
		String name = (method.getBillingDetails() != null) ? method.getBillingDetails().getName() : null;
		return new SavedCard(card.getBrand(), card.getLast4(), card.getExpMonth().intValue(),
				card.getExpYear().intValue(), name);
	}

	@Override
	public void updateExpiry(String token, int expMonth, int expYear) {
		try {
			this.stripe.paymentMethods()
				.update(token,
						PaymentMethodUpdateParams.builder()
							.setCard(PaymentMethodUpdateParams.Card.builder()
								.setExpMonth((long) expMonth)
								.setExpYear((long) expYear)
								.build())
							.build());
		}
		catch (StripeException ex) {
			throw unknown("updating a card's expiry", ex);
		}
	}

	@Override
	public void detach(String token) {
		try {
			this.stripe.paymentMethods().detach(token);
		}
		catch (InvalidRequestException ex) {
			// Detached already, or never attached: it is gone either way.
			log.debug("Stripe did not detach {}: {}", token, ex.getCode());
		}
		catch (StripeException ex) {
			throw unknown("detaching a card", ex);
		}
	}

	@Override
	public ChargeOutcome charge(ChargeRequest request) {
		PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
			.setAmount(minorUnits(request.amount(), request.currency()))
			.setCurrency(request.currency().getCurrencyCode().toLowerCase(Locale.ROOT))
			.setCustomer(customerOf(request.accountId()))
			.setPaymentMethod(request.token())
			.addPaymentMethodType("card")
			.setConfirm(true)
			.putMetadata(PAYMENT_ID, request.reference())
			.putMetadata(ACCOUNT_ID, request.accountId().toString())
			.build();
		try {
			return outcome(this.stripe.paymentIntents().create(params, key("payment", request.reference())));
		}
		catch (CardException ex) {
			return declined(ex);
		}
		catch (InvalidRequestException ex) {
			if (ex.getStripeError() != null && ex.getStripeError().getPaymentIntent() != null) {
				// Confirming failed on the PaymentIntent itself (e.g. authentication
				// refused): its state says why.
				return outcome(ex.getStripeError().getPaymentIntent());
			}
			// Stripe refused the request as such, so nothing was charged; it is ours to
			// fix, not the customer's.
			log.error("Stripe refused the charge of payment {}: {} {}", request.reference(), ex.getCode(),
					ex.getMessage());
			return new ChargeOutcome.Declined("processor_refused", "The payment could not be made.");
		}
		catch (StripeException ex) {
			throw unknown("charging", ex);
		}
	}

	@Override
	public Optional<ChargeOutcome> lookup(String reference) {
		return find(reference).map(StripeProcessor::outcomeOrUnknown);
	}

	@Override
	public ChargeOutcome cancel(String reference) {
		Optional<PaymentIntent> intent = find(reference);
		if (intent.isEmpty()) {
			return new ChargeOutcome.Declined("canceled", "The payment was withdrawn.");
		}
		try {
			PaymentIntent canceled = this.stripe.paymentIntents().cancel(intent.get().getId());
			return outcome(canceled, "authentication_not_completed");
		}
		catch (InvalidRequestException ex) {
			// Not cancelable any more: it has moved on (confirmed meanwhile); its state
			// now says how.
			return outcomeOrUnknown(retrieve(intent.get().getId()));
		}
		catch (StripeException ex) {
			throw unknown("withdrawing a charge", ex);
		}
	}

	@Override
	public RefundOutcome refund(RefundRequest request) {
		RefundCreateParams params = RefundCreateParams.builder()
			.setPaymentIntent(request.chargeId())
			.setAmount(minorUnits(request.amount(), request.currency()))
			.putMetadata("portico_refund_id", request.reference())
			.build();
		try {
			Refund refund = this.stripe.refunds().create(params, key("refund", request.reference()));
			if ("failed".equals(refund.getStatus()) || "canceled".equals(refund.getStatus())) {
				return new RefundOutcome.Refused(String.valueOf(refund.getFailureReason()),
						"Stripe did not refund: " + refund.getFailureReason());
			}
			return new RefundOutcome.Refunded(refund.getId());
		}
		catch (InvalidRequestException ex) {
			return new RefundOutcome.Refused(String.valueOf(ex.getCode()),
					ex.getStripeError() != null ? ex.getStripeError().getMessage() : "Stripe refused the refund.");
		}
		catch (StripeException ex) {
			throw unknown("refunding", ex);
		}
	}

	/**
	 * The account's Stripe customer, created (once, whoever asks first) the first time it
	 * is needed.
	 */
	private String customerOf(UUID accountId) {
		Optional<String> known = this.customers.of(accountId);
		if (known.isPresent()) {
			return known.get();
		}
		try {
			String created = this.stripe.customers()
				.create(CustomerCreateParams.builder().putMetadata(ACCOUNT_ID, accountId.toString()).build(),
						key("customer", accountId.toString()))
				.getId();
			return this.customers.remember(accountId, created);
		}
		catch (StripeException ex) {
			throw unknown("creating the customer", ex);
		}
	}

	/**
	 * The PaymentIntent of our payment, by its metadata; empty when Stripe never created
	 * one.
	 */
	private Optional<PaymentIntent> find(String reference) {
		try {
			List<PaymentIntent> found = this.stripe.paymentIntents()
				.search(PaymentIntentSearchParams.builder()
					.setQuery("metadata['" + PAYMENT_ID + "']:'" + reference.replace("'", "") + "'")
					.build())
				.getData();
			return found.stream().findFirst();
		}
		catch (StripeException ex) {
			throw unknown("looking up a charge", ex);
		}
	}

	private PaymentIntent retrieve(String id) {
		try {
			return this.stripe.paymentIntents().retrieve(id);
		}
		catch (StripeException ex) {
			throw unknown("looking up a charge", ex);
		}
	}

	/**
	 * A PaymentIntent's state as our outcome; an outcome Stripe has not decided yet is
	 * unknown.
	 */
	static ChargeOutcome outcomeOrUnknown(PaymentIntent intent) {
		return outcome(intent, "canceled");
	}

	private static ChargeOutcome outcome(PaymentIntent intent) {
		return outcome(intent, "canceled");
	}

	static ChargeOutcome outcome(PaymentIntent intent, String canceledCode) {
		return switch (intent.getStatus()) {
			case "succeeded" -> new ChargeOutcome.Charged(intent.getId());
			case "requires_action", "requires_confirmation" ->
				new ChargeOutcome.ActionRequired(intent.getId(), intent.getClientSecret());
			case "requires_payment_method" -> {
				var error = intent.getLastPaymentError();
				String code = (error == null) ? "card_declined" : (error.getDeclineCode() != null)
						? error.getDeclineCode() : (error.getCode() != null) ? error.getCode() : "card_declined";
				String message = (error != null && error.getMessage() != null) ? error.getMessage()
						: "The card was declined.";
				yield new ChargeOutcome.Declined(code, message);
			}
			case "canceled" -> new ChargeOutcome.Declined(canceledCode, "The payment was withdrawn.");
			// processing, requires_capture: Stripe tells the outcome later (a webhook or
			// the next lookup).
			default -> throw new OutcomeUnknown(
					"Stripe has not decided payment intent " + intent.getId() + " yet (" + intent.getStatus() + ")",
					null);
		};
	}

	private static ChargeOutcome declined(CardException ex) {
		String code = (ex.getDeclineCode() != null) ? ex.getDeclineCode()
				: (ex.getCode() != null) ? ex.getCode() : "card_declined";
		String message = (ex.getStripeError() != null && ex.getStripeError().getMessage() != null)
				? ex.getStripeError().getMessage() : "The card was declined.";
		return new ChargeOutcome.Declined(code, message);
	}

	/**
	 * Amounts in the currency's smallest unit, as Stripe's API takes them. Stripe's
	 * zero-decimal currencies are those with no minor unit in ISO 4217, which is what
	 * {@link Currency} knows.
	 */
	static long minorUnits(BigDecimal amount, Currency currency) {
		return amount.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
	}

	private static RequestOptions key(String what, String id) {
		return RequestOptions.builder().setIdempotencyKey("portico-" + what + "-" + id).build();
	}

	/**
	 * Whether the request reached Stripe and what it did is not known: retried later
	 * under the same key.
	 */
	private static OutcomeUnknown unknown(String doing, StripeException ex) {
		if (!(ex instanceof ApiConnectionException)) {
			log.warn("Stripe failed while {}: {} {} (request {})", doing, ex.getStatusCode(), ex.getCode(),
					ex.getRequestId());
		}
		return new OutcomeUnknown("Stripe did not answer while " + doing, ex);
	}

}
