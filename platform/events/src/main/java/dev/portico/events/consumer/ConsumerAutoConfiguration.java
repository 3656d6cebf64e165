package dev.portico.events.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;

/**
 * The error handler of every {@code @KafkaListener} of the suite
 * ({@link ConsumerErrors}); Boot's listener container factory picks it up. Dead letters
 * are written with the application's JSON producer, or as the bytes that arrived when
 * they could not be deserialized.
 */
@AutoConfiguration
public class ConsumerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	@SuppressWarnings("unchecked")
	CommonErrorHandler portalConsumerErrorHandler(ObjectProvider<ProducerFactory<?, ?>> producers,
			KafkaProperties kafka, ObjectProvider<MeterRegistry> meters) {
		ProducerFactory<Object, Object> json = (ProducerFactory<Object, Object>) producers
			.getIfAvailable(() -> new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties()));
		DefaultKafkaProducerFactory<String, byte[]> bytes = new DefaultKafkaProducerFactory<>(
				kafka.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer());
		return ConsumerErrors.handler(new KafkaTemplate<>(json), new KafkaTemplate<>(bytes), meters.getIfAvailable());
	}

}
