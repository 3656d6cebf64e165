package dev.portico.account.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** An ISO 4217 currency code in upper case ({@code EUR}); {@code null} is valid. */
@Documented
@Constraint(validatedBy = CurrencyCode.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface CurrencyCode {

	String message() default "must be an ISO 4217 currency code such as EUR";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<CurrencyCode, String> {

		private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies()
			.stream()
			.map(Currency::getCurrencyCode)
			.collect(Collectors.toUnmodifiableSet());

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || CURRENCIES.contains(value);
		}

	}

}
