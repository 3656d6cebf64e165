package dev.portico.payment.processor;

import java.time.YearMonth;
import java.util.List;

import dev.portico.platform.web.FieldError;

/**
 * What a card's expiry must be, when a card is tokenised and when a renewed card's expiry
 * is recorded.
 */
public final class CardExpiry {

	/**
	 * Cards are issued for a few years; this leaves ample room and keeps the year a
	 * plausible one.
	 */
	static final int MAX_YEARS_AHEAD = 20;

	private CardExpiry() {
	}

	/** Checks an expiry as sent when a card is added or renewed. */
	public static void check(Integer month, Integer year, YearMonth thisMonth, List<FieldError> errors) {
		boolean monthValid = false;
		if (month == null) {
			errors.add(new FieldError("expMonth", "is required"));
		}
		else if (month < 1 || month > 12) {
			errors.add(new FieldError("expMonth", "must be between 1 and 12"));
		}
		else {
			monthValid = true;
		}
		int latestYear = thisMonth.getYear() + MAX_YEARS_AHEAD;
		if (year == null) {
			errors.add(new FieldError("expYear", "is required"));
		}
		else if (year < 100) {
			errors.add(new FieldError("expYear", "must be the full year, e.g. " + (thisMonth.getYear() + 3)));
		}
		else if (year > latestYear) {
			errors.add(new FieldError("expYear", "must not be later than " + latestYear));
		}
		else if (year < thisMonth.getYear()) {
			errors.add(new FieldError("expYear", "the card has expired"));
		}
		else if (monthValid && YearMonth.of(year, month).isBefore(thisMonth)) {
			errors.add(new FieldError("expMonth", "the card has expired"));
		}
	}

}
