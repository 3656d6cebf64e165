package dev.portico.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.annotation.DirtiesContext;

/**
 * Points the test class's Spring context at a real Kafka broker in KRaft mode
 * (spring-kafka-test's embedded broker, one per test JVM). The context is closed after
 * the class, while the broker still runs, so its consumers shut down cleanly instead of
 * hanging the JVM's exit.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@DirtiesContext
public @interface WithKafka {

}
