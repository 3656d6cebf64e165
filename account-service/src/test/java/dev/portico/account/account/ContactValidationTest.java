package dev.portico.account.account;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactValidationTest {

	private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

	@Test
	void phoneNumbersAreInternationalWithTheSeparatorsPeopleType() {
		assertThat(valid("+4930123456")).isTrue();
		assertThat(valid("+1 (555) 123-4567")).isTrue();
		assertThat(valid("+44 20.7946.0958")).isTrue();
		assertThat(valid(null)).isTrue();
		assertThat(valid("030 123456")).isFalse();
		assertThat(valid("+0 30 123456")).isFalse();
		assertThat(valid("+49 30 12a456")).isFalse();
		assertThat(valid("+1234")).isFalse();
		assertThat(valid("+1234567890123456")).isFalse();
	}

	@Test
	void normalisedPhoneIsE164() {
		assertThat(new Contact("A", "a@example.com", "+1 (555) 123-4567").normalised().phone())
			.isEqualTo("+15551234567");
	}

	@Test
	void countriesAreIsoAlpha2InUpperCase() {
		assertThat(VALIDATOR.validate(address("DE"))).isEmpty();
		assertThat(VALIDATOR.validate(address("de"))).hasSize(1);
		assertThat(VALIDATOR.validate(address("XX"))).hasSize(1);
		assertThat(VALIDATOR.validate(address("DEU"))).hasSize(1);
	}

	@Test
	void emailsNeedADomainWithADot() {
		assertThat(VALIDATOR.validate(new Contact("A", "a@example.com", null))).isEmpty();
		assertThat(VALIDATOR.validate(new Contact("A", "a@localhost", null))).hasSize(1);
		assertThat(VALIDATOR.validate(new Contact("A", "not an address", null))).isNotEmpty();
	}

	private static boolean valid(String phone) {
		return VALIDATOR.validate(new Contact("A", "a@example.com", phone)).isEmpty();
	}

	private static BillingAddress address(String country) {
		return new BillingAddress("1 Main St", null, "Berlin", null, "10115", country);
	}

}
