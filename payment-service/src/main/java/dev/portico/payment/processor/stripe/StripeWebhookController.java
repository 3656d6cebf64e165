package dev.portico.payment.processor.stripe;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.stripe.model.Event;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook endpoint, reached through the gateway without a token of ours: what
 * proves an event is Stripe's is its {@code Stripe-Signature} (the endpoint's signing
 * secret over the timestamp and the exact body). An event whose signature does not
 * verify, or whose timestamp is older than the tolerance, is {@code 400} and applied not
 * at all; one already applied is acknowledged and not applied again. Anything that stops
 * an event being applied (the database away) answers {@code 503}, so that Stripe sends it
 * again.
 */
@RestController
@ConditionalOnProperty(name = "portico.payments.processor", havingValue = "stripe")
class StripeWebhookController {

	private final StripeWebhooks webhooks;

	StripeWebhookController(StripeWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	@Operation(summary = "Stripe's events (Stripe only)",
			description = "payment_intent.succeeded, payment_intent.payment_failed, payment_intent.processing, "
					+ "charge.refunded and charge.dispute.created are applied; other types are acknowledged. A "
					+ "missing, " + "wrong or stale Stripe-Signature is 400.")
	@PostMapping("/api/webhooks/stripe")
	Map<String, Object> receive(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = "Stripe-Signature", required = false) String signature) {
		Event event = this.webhooks.verify((body != null) ? new String(body, StandardCharsets.UTF_8) : "", signature);
		boolean applied = this.webhooks.apply(event);
		return Map.of("received", true, "applied", applied);
	}

}
