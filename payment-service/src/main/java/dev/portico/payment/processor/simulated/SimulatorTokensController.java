package dev.portico.payment.processor.simulated;

import java.time.Clock;
import java.time.YearMonth;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated processor's card form, playing the processor's own tokenisation API: the
 * customer's browser (or a test) sends the card here and gets a token, which is all it
 * then sends to the payment-methods API. Open without a token, like a processor's
 * publishable-key endpoint, and there only while the simulator is the processor.
 */
@RestController
@WhenSimulated
class SimulatorTokensController {

	private final SimulatedProcessor processor;

	private final Clock clock;

	SimulatorTokensController(SimulatedProcessor processor, Clock clock) {
		this.processor = processor;
		this.clock = clock;
	}

	@Operation(summary = "Exchange a card for a simulated processor token (simulated processor only)",
			description = "The card number and CVC go no further than the simulator. Luhn, expiry, CVC and holder name "
					+ "checks answer 422 naming every field at fault.")
	@PostMapping("/api/payment-simulator/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	Token tokenize(@RequestBody CardForm card) {
		CardDetails checked = CardRules.check(card, YearMonth.now(this.clock));
		String token = this.processor.tokenize(checked);
		String number = checked.number();
		return new Token(token, SimulatedProcessor.brand(number), number.substring(number.length() - 4));
	}

	/**
	 * @param processorToken what the payment-methods API takes
	 */
	record Token(String processorToken, String brand, String last4) {
	}

}
