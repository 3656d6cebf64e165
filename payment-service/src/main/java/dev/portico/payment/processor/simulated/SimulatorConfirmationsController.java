package dev.portico.payment.processor.simulated;

import dev.portico.payment.processor.ProcessorNotice;
import dev.portico.platform.web.InvalidFields;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated card bank's challenge page, as 3-D Secure shows it in the customer's
 * browser or app: the customer approves or declines the charge its client secret stands
 * for, and the simulator lets payment-service know, as a real processor's webhook would.
 * Open without a token, like the bank's page; the client secret is the capability.
 */
@RestController
@WhenSimulated
class SimulatorConfirmationsController {

	private final SimulatedProcessor processor;

	private final ApplicationEventPublisher events;

	SimulatorConfirmationsController(SimulatedProcessor processor, ApplicationEventPublisher events) {
		this.processor = processor;
		this.events = events;
	}

	@Operation(summary = "Answer the simulated bank's challenge for a payment (simulated processor only)",
			description = "Send {clientSecret, approve}: the nextAction.clientSecret of a PENDING payment. 204; an "
					+ "unknown or used secret is 422.")
	@PostMapping("/api/payment-simulator/confirmations")
	ResponseEntity<Void> confirm(@RequestBody Confirmation confirmation) {
		if (confirmation.approve() == null) {
			throw InvalidFields.of("approve", "is required: true to confirm the payment, false to refuse it");
		}
		String reference = this.processor.confirm(confirmation.clientSecret(), confirmation.approve())
			.orElseThrow(() -> InvalidFields.of("clientSecret", "no payment waits for this confirmation"));
		this.events.publishEvent(ProcessorNotice.lookUp(reference));
		return ResponseEntity.noContent().build();
	}

	record Confirmation(String clientSecret, Boolean approve) {
	}

}
