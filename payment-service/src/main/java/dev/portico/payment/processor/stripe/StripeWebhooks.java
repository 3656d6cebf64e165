package dev.portico.payment.processor.stripe;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import dev.portico.payment.processor.PaymentProcessor.ChargeOutcome;
import dev.portico.payment.processor.PaymentProcessor.OutcomeUnknown;
import dev.portico.payment.processor.ProcessorDispute;
import dev.portico.payment.processor.ProcessorNotice;
import dev.portico.payment.processor.ProcessorRefund;
import dev.portico.platform.web.PortalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Verifies Stripe's webhook events and applies each once, through the same settle path as
 * the reconciler: a PaymentIntent's outcome settles its payment (a payment already
 * settled is left as it is, so events arriving late, twice or out of order change
 * nothing); a dispute is recorded for operations staff; a refund made at Stripe is
 * recorded like one made through Portico.
 */
@Component
@ConditionalOnProperty(name = "portico.payments.processor", havingValue = "stripe")
class StripeWebhooks {

	private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

	private final StripeProperties properties;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	StripeWebhooks(StripeProperties properties, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The event, if its signature verifies under a secret in force and its timestamp is
	 * within the tolerance.
	 */
	Event verify(String payload, String signature) {
		if (signature == null || signature.isBlank()) {
			throw new WebhookRefused("The Stripe-Signature header is missing.");
		}
		for (String secret : this.properties.webhookSecrets()) {
			try {
				return Webhook.constructEvent(payload, signature, secret,
						this.properties.webhookTolerance().toSeconds(), this.clock);
			}
			catch (SignatureVerificationException ex) {
				// Next secret: during a rotation either may have signed it.
			}
			catch (RuntimeException ex) {
				throw new WebhookRefused("The body is not a Stripe event.");
			}
		}
		throw new WebhookRefused("The Stripe-Signature does not verify, or its timestamp is outside the tolerance.");
	}

	/** Applies the event unless it was applied before; true when it was applied now. */
	boolean apply(Event event) {
		if (seen(event.getId())) {
			return false;
		}
		switch (event.getType()) {
			case "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.processing",
					"payment_intent.canceled", "payment_intent.requires_action" ->
				object(event, PaymentIntent.class).ifPresent(this::settle);
			case "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed" ->
				object(event, Dispute.class).ifPresent(this::dispute);
			case "charge.refunded" -> object(event, Charge.class).ifPresent((charge) -> refunded(event, charge));
			default -> log.debug("Stripe event {} of type {} needs nothing from us", event.getId(), event.getType());
		}
		remember(event);
		return true;
	}

	private void settle(PaymentIntent intent) {
		String reference = (intent.getMetadata() != null) ? intent.getMetadata().get(StripeProcessor.PAYMENT_ID) : null;
		if (reference == null) {
			log.debug("Payment intent {} is not one of ours", intent.getId());
			return;
		}
		ChargeOutcome outcome;
		try {
			outcome = StripeProcessor.outcomeOrUnknown(intent);
		}
		catch (OutcomeUnknown ex) {
			// processing: the outcome comes with a later event, or the reconciler's
			// lookup.
			return;
		}
		this.events.publishEvent(new ProcessorNotice(reference, outcome));
	}

	private void dispute(Dispute dispute) {
		Currency currency = Currency.getInstance(dispute.getCurrency().toUpperCase(Locale.ROOT));
		BigDecimal amount = BigDecimal.valueOf(dispute.getAmount(), currency.getDefaultFractionDigits());
		this.events.publishEvent(new ProcessorDispute(dispute.getId(), dispute.getPaymentIntent(), amount, currency,
				dispute.getReason(), dispute.getStatus()));
	}

	private void refunded(Event event, Charge charge) {
		if (charge.getPaymentIntent() == null) {
			return;
		}
		Currency currency = Currency.getInstance(charge.getCurrency().toUpperCase(Locale.ROOT));
		BigDecimal refunded = BigDecimal.valueOf(charge.getAmountRefunded(), currency.getDefaultFractionDigits());
		this.events.publishEvent(new ProcessorRefund(event.getId(), charge.getPaymentIntent(), refunded, currency));
	}

	private static <T extends StripeObject> Optional<T> object(Event event, Class<T> type) {
		StripeObject object;
		try {
			// Stripe's deserializer declines objects of another API version than the
			// SDK's; ours need few fields.
			object = event.getDataObjectDeserializer().getObject().orElse(null);
			if (object == null) {
				object = event.getDataObjectDeserializer().deserializeUnsafe();
			}
		}
		catch (EventDataObjectDeserializationException ex) {
			log.warn("Stripe event {} of type {} could not be read: {}", event.getId(), event.getType(),
					ex.getMessage());
			return Optional.empty();
		}
		return type.isInstance(object) ? Optional.of(type.cast(object)) : Optional.empty();
	}

	private boolean seen(String eventId) {
		return this.jdbc.sql("SELECT count(*) FROM processor_event WHERE event_id = :id")
			.param("id", eventId)
			.query(Integer.class)
			.single() > 0;
	}

	private void remember(Event event) {
		this.jdbc.sql("INSERT INTO processor_event (event_id, type) VALUES (:id, :type) ON CONFLICT DO NOTHING")
			.param("id", event.getId())
			.param("type", event.getType())
			.update();
	}

	/** A webhook call that is not Stripe's, or not any more: nothing of it is applied. */
	static class WebhookRefused extends PortalException {

		WebhookRefused(String detail) {
			super(HttpStatus.BAD_REQUEST, "webhook-refused", "Webhook refused", detail);
		}

	}

}
