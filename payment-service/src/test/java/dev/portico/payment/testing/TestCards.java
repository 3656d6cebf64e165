package dev.portico.payment.testing;

import java.time.Year;
import java.util.LinkedHashMap;

/**
 * Cards to add in tests: the simulated processor's test cards and a valid body to vary
 * field by field.
 */
public final class TestCards {

	/** Charged by the simulated processor. */
	public static final String VISA = "4242424242424242";

	/** Declined by the simulated processor ({@code card_declined}). */
	public static final String DECLINED = "4000000000000002";

	/**
	 * Declined by the simulated processor for insufficient funds
	 * ({@code insufficient_funds}).
	 */
	public static final String NO_FUNDS = "4000000000009995";

	/**
	 * The simulated processor's card whose bank asks the customer to confirm every charge
	 * (3-D Secure).
	 */
	public static final String AUTHENTICATE = "4000002500003155";

	public static final String MASTERCARD = "5555555555554444";

	public static final String AMEX = "378282246310005";

	private TestCards() {
	}

	/** A valid body for {@code number}: three years to run, the CVC its brand wants. */
	public static Json card(String number) {
		return new Json().with("cardNumber", number)
			.with("expMonth", 12)
			.with("expYear", Year.now().getValue() + 3)
			.with("cvc", (number.startsWith("34") || number.startsWith("37")) ? "1234" : "123")
			.with("holderName", "Ada Lovelace");
	}

	/** A JSON object built up field by field; {@link #without} leaves one out. */
	public static final class Json extends LinkedHashMap<String, Object> {

		public Json with(String field, Object value) {
			put(field, value);
			return this;
		}

		public Json without(String field) {
			remove(field);
			return this;
		}

	}

}
