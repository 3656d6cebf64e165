package dev.portico.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the test class's Spring context at a real SMTP server (GreenMail, one per test
 * JVM) as {@code spring.mail.*} and {@code portico.mail.*}; read what arrived with
 * {@link TestSmtp#server()}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WithSmtp {

}
