package dev.portico.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event record for the wire: the topic it goes to and its type name in the
 * {@code __TypeId__} header. Both are stable strings, never derived from class names, so
 * records can be renamed or moved freely.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

	/** The topic, e.g. {@code payments.v1}. */
	String topic();

	/** The type name on the wire, e.g. {@code PaymentSucceeded}. */
	String name();

}
