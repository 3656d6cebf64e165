package dev.portico.usage.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An account's usage in one billing period: a row per product, usage identifier and unit.
 *
 * @param period the period's name, the month it starts in
 * @param start its first day
 * @param end its last day (inclusive)
 */
record UsagePage(@Schema(example = "2026-11") String period, LocalDate start,
		@Schema(description = "The period's last day, inclusive") LocalDate end, List<Item> items) {

	/**
	 * @param totalUsed a decimal string, e.g. {@code "12.5"}
	 */
	record Item(@Schema(example = "Mobile data") String product,
			@Schema(example = "+12065550123") String usageIdentifier,
			@Schema(type = "string", example = "12.5") BigDecimal totalUsed, @Schema(example = "GB") String unit) {
	}

}
