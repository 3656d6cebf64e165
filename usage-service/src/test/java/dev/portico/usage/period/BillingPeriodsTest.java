package dev.portico.usage.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Period arithmetic: bill days clamped to short months, leap years, and zones whose
 * clocks change.
 */
class BillingPeriodsTest {

	private static final BillingPeriods UTC = new BillingPeriods(ZoneOffset.UTC);

	@ParameterizedTest(name = "bill day {0}: {1} is in {2} ({3} to {4})")
	@CsvSource({
			// bill day, a day, the period holding it, its first and last day
			"1,  2026-11-25, 2026-11, 2026-11-01, 2026-11-30", "1,  2026-11-01, 2026-11, 2026-11-01, 2026-11-30",
			"1,  2026-10-31, 2026-10, 2026-10-01, 2026-10-31", "1,  2026-02-14, 2026-02, 2026-02-01, 2026-02-28",
			"1,  2028-02-29, 2028-02, 2028-02-01, 2028-02-29", "15, 2026-11-14, 2026-10, 2026-10-15, 2026-11-14",
			"15, 2026-11-15, 2026-11, 2026-11-15, 2026-12-14", "15, 2026-01-02, 2025-12, 2025-12-15, 2026-01-14",
			"28, 2026-02-28, 2026-02, 2026-02-28, 2026-03-27", "28, 2026-02-27, 2026-01, 2026-01-28, 2026-02-27",
			// 29, 30 and 31 are clamped to February's last day, which moves with leap
			// years.
			"29, 2026-02-28, 2026-02, 2026-02-28, 2026-03-28", "29, 2026-02-27, 2026-01, 2026-01-29, 2026-02-27",
			"29, 2028-02-28, 2028-01, 2028-01-29, 2028-02-28", "29, 2028-02-29, 2028-02, 2028-02-29, 2028-03-28",
			"30, 2026-02-28, 2026-02, 2026-02-28, 2026-03-29", "30, 2026-03-30, 2026-03, 2026-03-30, 2026-04-29",
			"30, 2028-02-29, 2028-02, 2028-02-29, 2028-03-29", "31, 2026-01-31, 2026-01, 2026-01-31, 2026-02-27",
			"31, 2026-02-28, 2026-02, 2026-02-28, 2026-03-30", "31, 2026-03-31, 2026-03, 2026-03-31, 2026-04-29",
			"31, 2026-04-30, 2026-04, 2026-04-30, 2026-05-30", "31, 2026-04-29, 2026-03, 2026-03-31, 2026-04-29",
			"31, 2028-02-28, 2028-01, 2028-01-31, 2028-02-28", "31, 2028-02-29, 2028-02, 2028-02-29, 2028-03-30",
			"31, 2026-12-31, 2026-12, 2026-12-31, 2027-01-30", "31, 2027-01-01, 2026-12, 2026-12-31, 2027-01-30" })
	void periodHoldingADay(int billDay, LocalDate day, YearMonth name, LocalDate start, LocalDate last) {
		BillingPeriod period = UTC.containing(day, BillDay.of(billDay));

		assertThat(period.month()).isEqualTo(name);
		assertThat(period.name()).isEqualTo(name.toString());
		assertThat(period.start()).isEqualTo(start);
		assertThat(period.lastDay()).isEqualTo(last);
		assertThat(period.contains(day)).isTrue();
		assertThat(UTC.starting(name, BillDay.of(billDay))).isEqualTo(period);
	}

	@ParameterizedTest(name = "bill day {0} in {1}: {2} is in {3}")
	@CsvSource({
			// New York leaves EST (UTC-5) for EDT (UTC-4) on 2026-03-08 and returns on
			// 2026-11-01.
			"8,  America/New_York, 2026-03-08T04:59:59Z, 2026-02",
			"8,  America/New_York, 2026-03-08T05:00:00Z, 2026-03",
			"1,  America/New_York, 2026-11-01T03:59:59Z, 2026-10",
			"1,  America/New_York, 2026-11-01T04:00:00Z, 2026-11",
			"1,  America/New_York, 2026-12-01T04:59:59Z, 2026-11",
			"1,  America/New_York, 2026-12-01T05:00:00Z, 2026-12",
			// Berlin springs forward on 2026-03-29 and falls back on 2026-10-25.
			"29, Europe/Berlin,    2026-03-28T22:59:59Z, 2026-02",
			"29, Europe/Berlin,    2026-03-28T23:00:00Z, 2026-03",
			"25, Europe/Berlin,    2026-10-24T21:59:59Z, 2026-09",
			"25, Europe/Berlin,    2026-10-24T22:00:00Z, 2026-10",
			// Santiago skips midnight on 2026-09-06: that day begins at 01:00 (04:00
			// UTC).
			"6,  America/Santiago, 2026-09-06T03:59:59Z, 2026-08",
			"6,  America/Santiago, 2026-09-06T04:00:00Z, 2026-09",
			// A bill day of 31 in February of a leap year, in a zone ahead of UTC.
			"31, Asia/Tokyo,       2028-02-28T14:59:59Z, 2028-01",
			"31, Asia/Tokyo,       2028-02-28T15:00:00Z, 2028-02" })
	void periodHoldingAnInstantFollowsTheZonesMidnight(int billDay, ZoneId zone, Instant instant, YearMonth name) {
		BillingPeriods periods = new BillingPeriods(zone);

		BillingPeriod period = periods.containing(instant, BillDay.of(billDay));

		assertThat(period.month()).isEqualTo(name);
		assertThat(periods.startOf(period)).isBeforeOrEqualTo(instant);
		assertThat(periods.endOf(period)).isAfter(instant);
	}

	@Test
	void aPeriodStartsAtTheFirstMomentOfItsDayWhenDaylightSavingSkipsMidnight() {
		BillingPeriods santiago = new BillingPeriods(ZoneId.of("America/Santiago"));
		BillingPeriod september = santiago.starting(YearMonth.of(2026, 9), BillDay.of(6));

		assertThat(santiago.startOf(september)).isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
		BillingPeriods newYork = new BillingPeriods(ZoneId.of("America/New_York"));
		BillingPeriod october = newYork.starting(YearMonth.of(2026, 10), BillDay.of(1));
		// 31 days and one hour: the clocks went back on Nov 1st at 02:00, after the
		// period ended.
		assertThat(newYork.startOf(october)).isEqualTo(Instant.parse("2026-10-01T04:00:00Z"));
		assertThat(newYork.endOf(october)).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
		BillingPeriod november = newYork.starting(YearMonth.of(2026, 11), BillDay.of(1));
		assertThat(newYork.endOf(november)).isEqualTo(Instant.parse("2026-12-01T05:00:00Z"));
	}

	/**
	 * Over eight years of days and every bill day: each day lies in exactly one period,
	 * and periods follow on.
	 */
	@ParameterizedTest(name = "bill day {0}")
	@ValueSource(ints = { 1, 2, 15, 27, 28, 29, 30, 31 })
	void periodsTileTheCalendarWithoutGapsOrOverlaps(int billDay) {
		BillDay bill = BillDay.of(billDay);
		BillingPeriod previous = UTC.containing(LocalDate.of(2023, 12, 31), bill);
		for (LocalDate day = LocalDate.of(2024, 1, 1); day.isBefore(LocalDate.of(2032, 1, 1)); day = day.plusDays(1)) {
			BillingPeriod period = UTC.containing(day, bill);
			assertThat(period.contains(day)).isTrue();
			if (!period.equals(previous)) {
				assertThat(period.start()).as("the day after %s", previous).isEqualTo(previous.nextStart());
				assertThat(period.month()).isEqualTo(previous.month().plusMonths(1));
				assertThat(period.start()).isEqualTo(day);
				assertThat(period.start().getDayOfMonth()).isEqualTo(Math.min(billDay, period.month().lengthOfMonth()));
			}
			previous = period;
		}
	}

	@Test
	void historyGoesBackToTheFirstUsageAndAtLeastTwelvePeriodsNewestFirst() {
		BillDay billDay = BillDay.of(15);
		BillingPeriod current = UTC.containing(LocalDate.of(2026, 11, 25), billDay);

		List<BillingPeriod> year = UTC.history(current, null, billDay, 12);
		assertThat(year).hasSize(12);
		assertThat(year.get(0)).isEqualTo(current);
		assertThat(year.get(11).name()).isEqualTo("2025-12");
		assertThat(UTC.history(current, LocalDate.of(2026, 10, 20), billDay, 12)).hasSize(12);

		List<BillingPeriod> longer = UTC.history(current, LocalDate.of(2024, 11, 14), billDay, 12);
		assertThat(longer.get(longer.size() - 1).name()).isEqualTo("2024-10");
		assertThat(longer).hasSize(26);
		for (int i = 1; i < longer.size(); i++) {
			assertThat(longer.get(i).nextStart()).isEqualTo(longer.get(i - 1).start());
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 32, -1 })
	void billDaysOutsideAMonthAreRefused(int billDay) {
		assertThatIllegalArgumentException().isThrownBy(() -> BillDay.of(billDay));
	}

}
