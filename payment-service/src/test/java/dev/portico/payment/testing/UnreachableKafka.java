package dev.portico.payment.testing;

import java.util.Map;

import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * The service's own value serializer, which can be told that the broker is out of reach:
 * every send then fails the way a send to an unreachable broker does (a retriable network
 * error on the send's future), so that the outbox keeps its publications until the broker
 * is back.
 */
public class UnreachableKafka<T> implements Serializer<T> {

	private static volatile boolean unreachable;

	private final JacksonJsonSerializer<T> delegate = new JacksonJsonSerializer<>();

	public static void cutOff() {
		unreachable = true;
	}

	public static void restore() {
		unreachable = false;
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		this.delegate.configure(configs, isKey);
	}

	@Override
	public byte[] serialize(String topic, T data) {
		return serialize(topic, null, data);
	}

	@Override
	public byte[] serialize(String topic, Headers headers, T data) {
		if (unreachable) {
			throw new NetworkException("Kafka is out of reach (test)");
		}
		return this.delegate.serialize(topic, headers, data);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
