package dev.portico.payment.processor.simulated;

import java.time.Duration;

import dev.portico.platform.security.OpsOnly;
import dev.portico.platform.web.InvalidFields;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Makes the simulated processor slow, or lose or withhold its answers, while the suite
 * runs: how a processor outage is rehearsed in a whole environment (and how the
 * fault-injection suite plays one).
 */
@RestController
@OpsOnly
@WhenSimulated
class SimulatorController {

	private static final long MAX_LATENCY_MS = 600_000;

	private final SimulatedProcessor processor;

	SimulatorController(SimulatedProcessor processor) {
		this.processor = processor;
	}

	@Operation(summary = "How the simulated processor behaves (ops)")
	@GetMapping("/api/ops/payment-simulator")
	Behaviour behaviour() {
		return new Behaviour(this.processor.latency().toMillis(), this.processor.failureMode());
	}

	@Operation(summary = "Make the simulated processor slow or failing (ops)",
			description = "latencyMs: each call's time; failureMode: NONE, TIMEOUT_BEFORE_CHARGE, "
					+ "TIMEOUT_AFTER_CHARGE or NO_ANSWER")
	@PutMapping("/api/ops/payment-simulator")
	Behaviour behave(@RequestBody Behaviour behaviour) {
		if (behaviour.latencyMs() == null || behaviour.latencyMs() < 0 || behaviour.latencyMs() > MAX_LATENCY_MS) {
			throw InvalidFields.of("latencyMs", "must be between 0 and " + MAX_LATENCY_MS);
		}
		if (behaviour.failureMode() == null) {
			throw InvalidFields.of("failureMode",
					"must be one of NONE, TIMEOUT_BEFORE_CHARGE, TIMEOUT_AFTER_CHARGE, NO_ANSWER");
		}
		this.processor.behave(Duration.ofMillis(behaviour.latencyMs()), behaviour.failureMode());
		return behaviour();
	}

	record Behaviour(Long latencyMs, SimulatedProcessor.FailureMode failureMode) {
	}

}
