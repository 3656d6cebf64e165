package dev.portico.usage.period;

/**
 * The day of the month on which an account's billing periods start, 1 to 31. In a month
 * shorter than that, the period starts on the month's last day: a bill day of 31 starts
 * periods on Feb 28 (29 in leap years), Apr 30, …
 */
public record BillDay(int value) {

	public BillDay {
		if (value < 1 || value > 31) {
			throw new IllegalArgumentException("A bill day is 1 to 31, not " + value);
		}
	}

	public static BillDay of(int value) {
		return new BillDay(value);
	}

}
