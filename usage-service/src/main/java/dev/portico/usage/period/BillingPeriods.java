package dev.portico.usage.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Period arithmetic in the provider's time zone. A period starts at midnight of the bill
 * day (clamped to the month's last day) and ends where the next one starts, so periods
 * tile the calendar without gaps or overlaps. Periods are whole days in the zone: a
 * daylight-saving change only moves the instant a period starts at, never its days.
 */
public final class BillingPeriods {

	private final ZoneId zone;

	public BillingPeriods(ZoneId zone) {
		this.zone = zone;
	}

	public ZoneId zone() {
		return this.zone;
	}

	/** The provider's calendar day of an instant: the day a record is rolled up under. */
	public LocalDate dayOf(Instant instant) {
		return LocalDate.ofInstant(instant, this.zone);
	}

	public BillingPeriod containing(Instant instant, BillDay billDay) {
		return containing(dayOf(instant), billDay);
	}

	public BillingPeriod containing(LocalDate day, BillDay billDay) {
		YearMonth month = YearMonth.from(day);
		return day.isBefore(startDate(month, billDay)) ? starting(month.minusMonths(1), billDay)
				: starting(month, billDay);
	}

	/** The period that starts in {@code month}. */
	public BillingPeriod starting(YearMonth month, BillDay billDay) {
		return new BillingPeriod(month, startDate(month, billDay), startDate(month.plusMonths(1), billDay));
	}

	/**
	 * The instant the period begins: midnight of its first day, or the first moment of
	 * that day if DST skips midnight.
	 */
	public Instant startOf(BillingPeriod period) {
		return period.start().atStartOfDay(this.zone).toInstant();
	}

	/** The instant the next period begins (exclusive). */
	public Instant endOf(BillingPeriod period) {
		return period.nextStart().atStartOfDay(this.zone).toInstant();
	}

	/**
	 * {@code current} and the periods before it, newest first: back to the one holding
	 * {@code oldestDay} (the first day with usage, {@code null} when there is none), and
	 * at least {@code minimum} periods.
	 */
	public List<BillingPeriod> history(BillingPeriod current, LocalDate oldestDay, BillDay billDay, int minimum) {
		List<BillingPeriod> periods = new ArrayList<>();
		BillingPeriod period = current;
		periods.add(period);
		while (periods.size() < minimum || (oldestDay != null && oldestDay.isBefore(period.start()))) {
			period = starting(period.month().minusMonths(1), billDay);
			periods.add(period);
		}
		return periods;
	}

	private static LocalDate startDate(YearMonth month, BillDay billDay) {
		return month.atDay(Math.min(billDay.value(), month.lengthOfMonth()));
	}

}
