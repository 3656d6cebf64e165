package dev.portico.payment.method;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.portico.payment.feature.Feature;
import dev.portico.payment.feature.RequiresFeature;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An account's saved cards. The platform checks that the caller may see the account, then
 * the account's portal configuration must have payment methods switched on, both before
 * any body is read.
 */
@RestController
@RequiresFeature(Feature.PAYMENT_METHODS)
class PaymentMethodController {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final PaymentMethodService methods;

	PaymentMethodController(PaymentMethodService methods) {
		this.methods = methods;
	}

	@Operation(summary = "List an account's saved cards", description = "The default first, then the newest.")
	@GetMapping("/api/accounts/{accountId}/payment-methods")
	List<PaymentMethodView> list(@PathVariable UUID accountId) {
		return this.methods.list(accountId).stream().map(PaymentMethodView::of).toList();
	}

	@Operation(summary = "One saved card")
	@GetMapping("/api/accounts/{accountId}/payment-methods/{paymentMethodId}")
	PaymentMethodView get(@PathVariable UUID accountId, @PathVariable String paymentMethodId) {
		return PaymentMethodView.of(this.methods.get(accountId, id(paymentMethodId)));
	}

	@Operation(summary = "Save a card, by the processor's token for it",
			description = "Send {processorToken, makeDefault?}: the token the processor's card element or mobile SDK "
					+ "returned. Card numbers and CVCs are never accepted here. Brand, last four digits, expiry and "
					+ "holder name come from the processor. The account's first card becomes its default, as does one "
					+ "sent with makeDefault: true. An unknown token, or another customer's, is 422; a token already "
					+ "saved on the account 409; at most " + PaymentMethodService.MAX_PER_ACCOUNT
					+ " cards per account (409 beyond).")
	@PostMapping("/api/accounts/{accountId}/payment-methods")
	ResponseEntity<PaymentMethodView> add(@PathVariable UUID accountId, @RequestBody AddPaymentMethodRequest request) {
		PaymentMethod added = this.methods.add(accountId, request);
		URI location = UriComponentsBuilder.fromPath("/api/accounts/{accountId}/payment-methods/{paymentMethodId}")
			.buildAndExpand(accountId, added.id())
			.toUri();
		return ResponseEntity.created(location).body(PaymentMethodView.of(added));
	}

	@Operation(summary = "Prepare the processor's card form for a new card",
			description = "Answers what the browser or app needs before it collects a card with the processor's own "
					+ "component: {processor: \"stripe\", clientSecret} of a SetupIntent to confirm with Stripe's card "
					+ "element or mobile SDK (which answers the PaymentMethod id to save), or {processor: "
					+ "\"simulated\", " + "tokensUrl} for the simulated processor's card form.")
	@PostMapping("/api/accounts/{accountId}/payment-methods/setup")
	PaymentMethodService.CardSetup setup(@PathVariable UUID accountId) {
		return this.methods.setup(accountId);
	}

	@Operation(summary = "Make a saved card the default, or record its new expiry",
			description = "Send {\"isDefault\": true} or {\"expMonth\", \"expYear\"}. To stop a card being the "
					+ "default, " + "make another one the default.")
	@PatchMapping(path = "/api/accounts/{accountId}/payment-methods/{paymentMethodId}",
			consumes = { MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON })
	PaymentMethodView update(@PathVariable UUID accountId, @PathVariable String paymentMethodId,
			@RequestBody UpdatePaymentMethodRequest request) {
		return PaymentMethodView.of(this.methods.update(accountId, id(paymentMethodId), request));
	}

	@Operation(summary = "Delete a saved card",
			description = "When it was the default, the newest remaining card becomes the default.")
	@DeleteMapping("/api/accounts/{accountId}/payment-methods/{paymentMethodId}")
	ResponseEntity<Void> remove(@PathVariable UUID accountId, @PathVariable String paymentMethodId) {
		this.methods.remove(accountId, id(paymentMethodId));
		return ResponseEntity.noContent().build();
	}

	/** Ids are opaque to clients: one that is not even a UUID is simply not found. */
	private static UUID id(String raw) {
		try {
			if (raw.length() == 36) {
				return UUID.fromString(raw);
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to not found
		}
		throw new PaymentMethodNotFound();
	}

}
