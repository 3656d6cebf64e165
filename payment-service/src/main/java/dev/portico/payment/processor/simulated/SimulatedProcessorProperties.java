package dev.portico.payment.processor.simulated;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the simulated card processor behaves.
 *
 * @param latency how long each charge takes, like a round trip to a real processor
 * ({@code PORTICO_PAYMENTS_SIMULATOR_LATENCY})
 * @param failureMode how every charge fails, to rehearse lost answers in a whole
 * environment: {@code none}, {@code timeout-before-charge}, {@code timeout-after-charge}
 * or {@code no-answer} ({@code PORTICO_PAYMENTS_SIMULATOR_FAILURE_MODE}); operations
 * staff change both at run time ({@code PUT /api/ops/payment-simulator})
 */
@ConfigurationProperties("portico.payments.simulator")
public record SimulatedProcessorProperties(@DefaultValue("50ms") Duration latency,
		@DefaultValue("none") SimulatedProcessor.FailureMode failureMode) {

}
