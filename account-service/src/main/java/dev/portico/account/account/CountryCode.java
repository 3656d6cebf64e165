package dev.portico.account.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An ISO 3166-1 alpha-2 country code in upper case ({@code DE}); {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = CountryCode.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface CountryCode {

	String message() default "must be an ISO 3166-1 alpha-2 country code such as DE";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<CountryCode, String> {

		private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || COUNTRIES.contains(value);
		}

	}

}
