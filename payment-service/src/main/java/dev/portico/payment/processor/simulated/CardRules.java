package dev.portico.payment.processor.simulated;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import dev.portico.payment.processor.CardExpiry;
import dev.portico.payment.processor.CardNumbers;
import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.InvalidFields;

/**
 * What a card must be before the simulator gives it a token, as a real processor's card
 * form checks it. Every field at fault is reported at once; messages never repeat what
 * was sent.
 */
final class CardRules {

	static final int MIN_DIGITS = 12;

	static final int MAX_DIGITS = 19;

	static final int MIN_NAME = 2;

	static final int MAX_NAME = 100;

	private CardRules() {
	}

	/**
	 * @param thisMonth the current month, by the service's clock; a card is valid until
	 * the end of its expiry month
	 * @throws InvalidFields naming every field at fault
	 */
	static CardDetails check(CardForm request, YearMonth thisMonth) {
		List<FieldError> errors = new ArrayList<>();
		String number = cardNumber(request.cardNumber(), errors);
		CardExpiry.check(request.expMonth(), request.expYear(), thisMonth, errors);
		cvc(request.cvc(), number, errors);
		String holderName = holderName(request.holderName(), errors);
		if (!errors.isEmpty()) {
			throw new InvalidFields(errors);
		}
		return new CardDetails(number, request.expMonth(), request.expYear(), request.cvc(), holderName);
	}

	/** The digits of the number, or {@code null} when it is not a card number. */
	static String cardNumber(String raw, List<FieldError> errors) {
		if (raw == null || raw.isBlank()) {
			errors.add(new FieldError("cardNumber", "is required"));
			return null;
		}
		// Clients may send the number grouped as printed on the card.
		String digits = raw.replaceAll("[ \\-]", "");
		if (!digits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			errors.add(new FieldError("cardNumber", "must contain only digits (spaces and dashes are ignored)"));
			return null;
		}
		if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
			errors.add(new FieldError("cardNumber", "must have " + MIN_DIGITS + " to " + MAX_DIGITS + " digits"));
			return null;
		}
		if (!CardNumbers.luhnValid(digits)) {
			errors.add(new FieldError("cardNumber", "is not a valid card number"));
			return null;
		}
		return digits;
	}

	/**
	 * American Express prints a 4-digit code on the front, the others a 3-digit one on
	 * the back.
	 */
	private static void cvc(String cvc, String number, List<FieldError> errors) {
		if (cvc == null || cvc.isBlank()) {
			errors.add(new FieldError("cvc", "is required"));
			return;
		}
		boolean digitsOnly = cvc.chars().allMatch((c) -> c >= '0' && c <= '9');
		if (number == null) {
			if (!digitsOnly || cvc.length() < 3 || cvc.length() > 4) {
				errors.add(new FieldError("cvc", "must be 3 or 4 digits"));
			}
			return;
		}
		int expected = isAmex(number) ? 4 : 3;
		if (!digitsOnly || cvc.length() != expected) {
			errors.add(new FieldError("cvc",
					isAmex(number) ? "must be 4 digits for an American Express card" : "must be 3 digits"));
		}
	}

	private static String holderName(String raw, List<FieldError> errors) {
		if (raw == null || raw.isBlank()) {
			errors.add(new FieldError("holderName", "is required"));
			return null;
		}
		String name = raw.strip();
		int length = name.codePointCount(0, name.length());
		if (length < MIN_NAME || length > MAX_NAME) {
			errors.add(new FieldError("holderName", "must be " + MIN_NAME + " to " + MAX_NAME + " characters"));
			return null;
		}
		if (name.codePoints().anyMatch(Character::isISOControl)) {
			errors.add(new FieldError("holderName", "must not contain control characters"));
			return null;
		}
		return name;
	}

	static boolean isAmex(String digits) {
		return digits.startsWith("34") || digits.startsWith("37");
	}

}
