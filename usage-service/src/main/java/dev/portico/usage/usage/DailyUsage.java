package dev.portico.usage.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A period's totals per day and product, all identifiers together: what a trend chart
 * draws. Days without usage are left out.
 */
record DailyUsage(@Schema(example = "2026-11") String period, LocalDate start,
		@Schema(description = "The period's last day, inclusive") LocalDate end, List<Day> days) {

	record Day(LocalDate date, @Schema(example = "Voice") String product, @Schema(example = "min") String unit,
			@Schema(type = "string", example = "42.5") BigDecimal totalUsed) {
	}

}
