package dev.portico.payment.payment;

import java.util.List;

import dev.portico.platform.security.OpsOnly;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations' list of disputed payments, newest first, to answer each at the processor.
 * See OPERATIONS.md.
 */
@RestController
@OpsOnly
class DisputesController {

	private final Disputes disputes;

	DisputesController(Disputes disputes) {
		this.disputes = disputes;
	}

	@Operation(summary = "Disputed payments (chargebacks), newest first (ops)")
	@GetMapping("/api/ops/payments/disputes")
	List<Disputes.Dispute> disputes(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.disputes.recent(limit);
	}

}
