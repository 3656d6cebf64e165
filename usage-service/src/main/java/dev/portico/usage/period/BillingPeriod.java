package dev.portico.usage.period;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * One billing period of an account: the days from {@code start} up to and including
 * {@code lastDay}. Named by the month it starts in ({@code 2026-11}), which is unique per
 * account since every month holds exactly one period start.
 *
 * @param month the month of {@code start}, the period's name
 * @param start its first day
 * @param nextStart the first day of the next period (exclusive end)
 */
public record BillingPeriod(YearMonth month, LocalDate start, LocalDate nextStart) {

	public BillingPeriod {
		if (!YearMonth.from(start).equals(month) || !nextStart.isAfter(start)) {
			throw new IllegalArgumentException("Not a billing period: " + month + " " + start + ".." + nextStart);
		}
	}

	/** The name clients use, e.g. {@code 2026-11}. */
	public String name() {
		return this.month.toString();
	}

	/** Its last day, inclusive: the API's {@code end}. */
	public LocalDate lastDay() {
		return this.nextStart.minusDays(1);
	}

	public boolean contains(LocalDate day) {
		return !day.isBefore(this.start) && day.isBefore(this.nextStart);
	}

}
