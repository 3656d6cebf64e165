package dev.portico.account.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An international phone number: {@code +}, a country code and up to 15 digits in all
 * (E.164). Spaces, dots, hyphens and parentheses between digits are accepted, since
 * people type them; {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = PhoneNumber.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface PhoneNumber {

	String message() default "must be an international phone number such as +4930123456";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<PhoneNumber, String> {

		private static final Pattern TYPED = Pattern.compile("\\+[0-9 .()\\-]{6,24}");

		private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || (TYPED.matcher(value).matches() && E164.matcher(normalise(value)).matches());
		}

		static String normalise(String value) {
			return (value != null) ? value.replaceAll("[ .()\\-]", "") : null;
		}

	}

}
