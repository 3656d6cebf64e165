package dev.portico.payment.feature;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the handlers of an account-scoped controller (or one handler) as usable only when
 * the account in the path has the feature switched on. The check runs after the
 * platform's access check and before the body is read, so a caller gets {@code 404} for
 * an account it may not see and {@code 403} for a switched-off feature, whatever it
 * sends.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface RequiresFeature {

	Feature value();

}
