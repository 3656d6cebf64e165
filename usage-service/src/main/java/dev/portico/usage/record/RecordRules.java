package dev.portico.usage.record;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.portico.platform.web.FieldError;

import org.springframework.stereotype.Component;

/**
 * What makes a usage record acceptable, the same for REST and Kafka. Every field is
 * checked, so that the errors of a record come all at once.
 */
@Component
public class RecordRules {

	public static final int MAX_TEXT = 100;

	/**
	 * Integer digits of a quantity: below 10^12, as {@code usage_record.quantity} is
	 * {@code NUMERIC(18, 6)}.
	 */
	public static final int MAX_INTEGER_DIGITS = 12;

	public static final int MAX_DECIMALS = 6;

	/**
	 * Usage reported ahead of the server's clock by more than this is a producer's clock
	 * or date error.
	 */
	public static final Duration MAX_AHEAD = Duration.ofDays(1);

	/**
	 * Older than this is a date error too, and would stretch the list of periods back for
	 * decades.
	 */
	public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	/** Longer quantity text is refused before it is parsed. */
	private static final int MAX_QUANTITY_TEXT = 40;

	private final Clock clock;

	RecordRules(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The record, or the errors that keep it out, each field named with {@code prefix}
	 * (e.g. {@code records[3].}).
	 */
	public Checked check(RecordInput input, String prefix) {
		if (input == null) {
			String field = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : "record";
			return new Checked(null, List.of(new FieldError(field, "must not be null")));
		}
		List<FieldError> errors = new ArrayList<>();
		UUID recordId = uuid(input.recordId(), prefix + "recordId", errors);
		UUID accountId = uuid(input.accountId(), prefix + "accountId", errors);
		String product = text(input.product(), prefix + "product", errors);
		String identifier = text(input.usageIdentifier(), prefix + "usageIdentifier", errors);
		BigDecimal quantity = quantity(input.quantity(), prefix + "quantity", errors);
		Unit unit = unit(input.unit(), prefix + "unit", errors);
		Instant occurredAt = occurredAt(input.occurredAt(), prefix + "occurredAt", errors);
		if (!errors.isEmpty()) {
			return new Checked(null, errors);
		}
		return new Checked(new UsageRecord(recordId, accountId, product, identifier, quantity, unit, occurredAt),
				List.of());
	}

	private static UUID uuid(String value, String field, List<FieldError> errors) {
		if (value == null) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		// UUID.fromString also takes shortened forms like 1-2-3-4-5; only the canonical
		// 36 characters are ids.
		if (value.length() == 36) {
			try {
				return UUID.fromString(value);
			}
			catch (IllegalArgumentException ex) {
				// reported below
			}
		}
		errors.add(new FieldError(field, "must be a UUID"));
		return null;
	}

	private static String text(String value, String field, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, (value == null) ? "is required" : "must not be blank"));
			return null;
		}
		String text = value.strip();
		if (text.codePointCount(0, text.length()) > MAX_TEXT) {
			errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters"));
			return null;
		}
		// Control characters have no place in a name, and PostgreSQL cannot store NUL at
		// all.
		if (text.chars().anyMatch(Character::isISOControl)) {
			errors.add(new FieldError(field, "must not contain control characters"));
			return null;
		}
		return text;
	}

	private static BigDecimal quantity(String value, String field, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		BigDecimal quantity = decimal(value);
		if (quantity == null) {
			errors.add(new FieldError(field, "must be a decimal number"));
			return null;
		}
		if (quantity.signum() < 0) {
			errors.add(new FieldError(field, "must not be negative"));
			return null;
		}
		BigDecimal stripped = quantity.stripTrailingZeros();
		if (stripped.scale() > MAX_DECIMALS) {
			errors.add(new FieldError(field, "must have at most " + MAX_DECIMALS + " decimals"));
			return null;
		}
		if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
			errors.add(new FieldError(field, "must be below 10^" + MAX_INTEGER_DIGITS));
			return null;
		}
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	private static BigDecimal decimal(String value) {
		if (value.length() > MAX_QUANTITY_TEXT) {
			return null;
		}
		try {
			return new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Unit unit(String value, String field, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		Optional<Unit> unit = Unit.bySymbol(value);
		if (unit.isEmpty()) {
			errors.add(new FieldError(field, "must be one of " + Unit.SYMBOLS));
			return null;
		}
		return unit.get();
	}

	private Instant occurredAt(String value, String field, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		Instant occurredAt;
		try {
			// PostgreSQL keeps microseconds: the instant is cut there so that its day is
			// the same on both sides.
			occurredAt = OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MICROS);
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-25T10:15:30Z"));
			return null;
		}
		if (occurredAt.isAfter(this.clock.instant().plus(MAX_AHEAD))) {
			errors.add(new FieldError(field, "must not be more than a day in the future"));
			return null;
		}
		if (occurredAt.isBefore(EARLIEST)) {
			errors.add(new FieldError(field, "must not be before 2000-01-01"));
			return null;
		}
		return occurredAt;
	}

	/**
	 * A record that passed ({@code errors} empty), or the errors that keep it out
	 * ({@code record} null).
	 */
	public record Checked(UsageRecord record, List<FieldError> errors) {

		public boolean valid() {
			return this.errors.isEmpty();
		}

		/** The errors in one line, e.g. for a dead letter's reason. */
		public String reason() {
			return String.join("; ",
					this.errors.stream().map((error) -> error.field() + " " + error.message()).toList());
		}

	}

}
