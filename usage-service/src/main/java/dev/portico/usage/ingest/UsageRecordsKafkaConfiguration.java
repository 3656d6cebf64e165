package dev.portico.usage.ingest;

import java.util.HashMap;
import java.util.Map;

import dev.portico.usage.config.UsageProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The consumer of {@code usage.records.v1}, apart from the suite's event consumers: it
 * takes raw bytes in batches (each record is parsed by the listener, so one that is not
 * JSON is set aside instead of failing the poll) and commits a batch's offsets once its
 * records are stored. Should the database fail, the batch is retried, backing off up to
 * 30 s, for as long as it takes: records wait in Kafka instead of being dropped.
 */
@Configuration(proxyBeanMethods = false)
class UsageRecordsKafkaConfiguration {

	static final String LISTENER_FACTORY = "usageRecordsListenerFactory";

	@Bean(LISTENER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> usageRecordsListenerFactory(KafkaProperties kafka,
			UsageProperties usage) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, usage.kafka().maxPollRecords());
		var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
		factory.setConsumerFactory(
				new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer()));
		factory.setBatchListener(true);
		Integer concurrency = kafka.getListener().getConcurrency();
		factory.setConcurrency((concurrency != null) ? concurrency : 1);
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
		backOff.setMaxInterval(30_000);
		factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
		return factory;
	}

	@Bean
	DeadLetters usageDeadLetters(KafkaProperties kafka) {
		return new DeadLetters(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
				new StringSerializer(), new ByteArraySerializer()));
	}

}
