package dev.portico.payment.processor.simulated;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Registered only while the simulator is the processor:
 * {@code portico.payments.processor=simulated}, the default.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(name = "portico.payments.processor", havingValue = "simulated", matchIfMissing = true)
@interface WhenSimulated {

}
