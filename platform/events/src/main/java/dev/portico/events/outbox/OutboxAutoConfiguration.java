package dev.portico.events.outbox;

import java.time.Clock;
import java.util.Map;

import dev.portico.events.EventTypes;
import dev.portico.events.PortalEvent;
import dev.portico.events.consumer.ProcessedEventRetention;
import dev.portico.events.consumer.ProcessedEvents;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.kafka.core.KafkaOperations;

/**
 * The transactional outbox of every producer: an event published with Spring's
 * {@code ApplicationEventPublisher} inside a transaction is written to the
 * {@code event_publication} table in that transaction (Spring Modulith's JDBC registry),
 * sent to Kafka after the commit, and marked complete only once Kafka acknowledged it;
 * publications not acknowledged within a minute are resent ({@link OutboxResubmitter}).
 * Topic and key come from the record, never its class name.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		beforeName = { "org.springframework.modulith.events.kafka.KafkaJacksonConfiguration",
				"org.springframework.modulith.events.kafka.KafkaJackson2Configuration",
				"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration" })
@EnableConfigurationProperties({ OutboxResubmitter.OutboxProperties.class,
		ProcessedEventRetention.RetentionProperties.class })
public class OutboxAutoConfiguration {

	/** Type ids on the wire: {@code PaymentSucceeded}, not a Java class name. */
	static final String TYPE_MAPPINGS = "spring.json.type.mapping";

	@Bean
	EventTypes portalEventTypes() {
		return EventTypes.scan("dev.portico.events");
	}

	@Bean
	@ConditionalOnMissingBean
	EventExternalizationConfiguration portalEventExternalization() {
		return EventExternalizationConfiguration.externalizing()
			.select((event) -> event instanceof PortalEvent)
			.route(PortalEvent.class,
					(event) -> RoutingTarget.forTarget(EventTypes.topicOf(event)).andKey(event.accountId().toString()))
			// Hand the record itself to the Kafka serializer, which writes the stable
			// type name header.
			.serializeExternalization(false)
			.build();
	}

	/**
	 * Passes records to the Kafka serializer as they are. Modulith's default converter
	 * would turn them into bytes first, and the type header would then name
	 * {@code byte[]} instead of the event.
	 */
	@Bean
	@ConditionalOnMissingBean
	RecordMessageConverter portalRecordMessageConverter() {
		return new MessagingMessageConverter();
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer portalEventProducerTypes(EventTypes types) {
		return (factory) -> factory.updateConfigs(
				Map.of(TYPE_MAPPINGS, types.typeMapping(), JacksonJsonSerializer.ADD_TYPE_INFO_HEADERS, true));
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer portalEventConsumerTypes(EventTypes types) {
		return (factory) -> factory
			.updateConfigs(Map.of(TYPE_MAPPINGS, types.typeMapping(), JacksonJsonDeserializer.TRUSTED_PACKAGES,
					"dev.portico.events.*", JacksonJsonDeserializer.REMOVE_TYPE_INFO_HEADERS, false));
	}

	/**
	 * Its collaborators are looked up when it first runs: they come from
	 * auto-configurations ordered after this one.
	 */
	@Bean
	OutboxResubmitter outboxResubmitter(ObjectProvider<JdbcClient> jdbc, ObjectProvider<EventSerializer> serializer,
			ObjectProvider<KafkaOperations<?, ?>> kafka, OutboxResubmitter.OutboxProperties properties) {
		return new OutboxResubmitter(new JdbcWaitingPublications(jdbc, serializer, kafka), properties,
				Clock.systemUTC());
	}

	/**
	 * Modulith sends outbox entries to Kafka asynchronously, after the commit: this
	 * carries the publishing request's trace (and other thread-bound context) to that
	 * thread, so the Kafka record continues the request's trace instead of starting a new
	 * one. Boot applies it to its application task executor.
	 */
	@Bean
	@ConditionalOnClass(name = "io.micrometer.context.ContextSnapshotFactory")
	@ConditionalOnMissingBean(TaskDecorator.class)
	TaskDecorator contextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

	@Bean
	@ConditionalOnBean(JdbcClient.class)
	@ConditionalOnMissingBean
	ProcessedEvents processedEvents(JdbcClient jdbcClient) {
		return new ProcessedEvents(jdbcClient);
	}

	@Bean
	@ConditionalOnBean(JdbcClient.class)
	@ConditionalOnMissingBean
	ProcessedEventRetention processedEventRetention(JdbcClient jdbcClient,
			ProcessedEventRetention.RetentionProperties properties) {
		return new ProcessedEventRetention(jdbcClient, properties, Clock.systemUTC());
	}

}
