package dev.portico.payment.processor;

/** Facts of a card number that anyone may check: its Luhn check digit. */
public final class CardNumbers {

	private CardNumbers() {
	}

	/** Whether the digits carry a valid Luhn check digit (ISO/IEC 7812). */
	public static boolean luhnValid(String digits) {
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (doubled) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

}
