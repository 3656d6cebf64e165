package dev.portico.usage.usage;

import java.time.LocalDate;

import dev.portico.usage.period.BillingPeriod;
import io.swagger.v3.oas.annotations.media.Schema;

/** One entry of an account's list of periods. */
record PeriodView(@Schema(example = "2026-11") String period, LocalDate start,
		@Schema(description = "The period's last day, inclusive") LocalDate end,
		@Schema(description = "Whether today is in it") boolean current) {

	static PeriodView of(BillingPeriod period, boolean current) {
		return new PeriodView(period.name(), period.start(), period.lastDay(), current);
	}

}
