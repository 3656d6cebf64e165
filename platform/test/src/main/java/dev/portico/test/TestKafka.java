package dev.portico.test;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft) per test JVM, started on first use; a Kafka container
 * with {@code -Pdocker}.
 */
public final class TestKafka {

	private static EmbeddedKafkaKraftBroker broker;

	private TestKafka() {
	}

	public static synchronized String bootstrapServers() {
		if (DockerServers.enabled()) {
			return (String) DockerServers.call("kafkaBootstrapServers");
		}
		if (broker == null) {
			EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 3);
			started.brokerProperty("auto.create.topics.enable", "true");
			started.brokerProperty("group.initial.rebalance.delay.ms", "0");
			started.afterPropertiesSet();
			broker = started;
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "test-kafka-stop"));
		}
		return broker.getBrokersAsString();
	}

}
