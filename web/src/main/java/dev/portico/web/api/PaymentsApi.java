package dev.portico.web.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The Payments area of docs/api.md. */
@HttpExchange("/api/accounts/{accountId}")
public interface PaymentsApi {

	@GetExchange("/payment-methods")
	List<PaymentMethod> methods(@PathVariable UUID accountId);

	@PostExchange("/payment-methods")
	PaymentMethod addMethod(@PathVariable UUID accountId, @RequestBody NewCard card);

	@PostExchange("/payment-methods/setup")
	CardSetup setup(@PathVariable UUID accountId);

	@PatchExchange("/payment-methods/{paymentMethodId}")
	PaymentMethod updateMethod(@PathVariable UUID accountId, @PathVariable UUID paymentMethodId,
			@RequestBody MethodChange change);

	@DeleteExchange("/payment-methods/{paymentMethodId}")
	void removeMethod(@PathVariable UUID accountId, @PathVariable UUID paymentMethodId);

	/**
	 * {@code 201} paid, {@code 202} pending; a decline is a {@code 402} problem carrying
	 * the payment's id.
	 */
	@PostExchange("/payments")
	ResponseEntity<Payment> pay(@PathVariable UUID accountId, @RequestHeader("Idempotency-Key") String idempotencyKey,
			@RequestBody PaymentRequest request);

	@GetExchange("/payments/{paymentId}")
	Payment payment(@PathVariable UUID accountId, @PathVariable UUID paymentId);

	record PaymentMethod(UUID paymentMethodId, String type, String brand, String last4, int expMonth, int expYear,
			String holderName, boolean isDefault) {
	}

	/**
	 * A card to save, as the processor's token for it (the card went from the browser to
	 * the processor); {@code toString} keeps the token out of logs.
	 */
	record NewCard(String processorToken, boolean makeDefault) {

		@Override
		public String toString() {
			return "NewCard[]";
		}

	}

	record MethodChange(Boolean isDefault) {
	}

	/**
	 * What the processor's card form needs: a SetupIntent's client secret with Stripe.
	 */
	record CardSetup(String processor, String clientSecret, String tokensUrl) {
	}

	record PaymentRequest(BigDecimal amount, String currency, UUID paymentMethodId, UUID invoiceId) {
	}

	record Payment(UUID paymentId, String status, BigDecimal amount, String currency, UUID invoiceId,
			UUID paymentMethodId, String failureCode, Instant createdAt, List<Allocation> allocations,
			NextAction nextAction) {
	}

	/**
	 * The customer must confirm the payment with their bank (3-D Secure) before it goes
	 * on.
	 */
	record NextAction(String type, String clientSecret) {
	}

	record Allocation(UUID invoiceId, String invoiceNumber, BigDecimal amount) {
	}

}
