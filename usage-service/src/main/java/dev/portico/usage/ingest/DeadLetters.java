package dev.portico.usage.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Sets bad usage records aside on {@code usage.records.v1.dlt}: key, value and headers
 * exactly as they arrived, plus the reason and where the record came from, under Spring
 * Kafka's dead-letter header names (so the usual tools read them). Its own byte-array
 * producer: the application's producer writes JSON, which would re-encode the bytes.
 */
class DeadLetters implements DisposableBean {

	private final DefaultKafkaProducerFactory<String, byte[]> producers;

	private final KafkaTemplate<String, byte[]> template;

	DeadLetters(DefaultKafkaProducerFactory<String, byte[]> producers) {
		this.producers = producers;
		this.template = new KafkaTemplate<>(producers);
	}

	/**
	 * Sends every rejected record and waits until Kafka has them all, so the batch's
	 * offsets may be committed.
	 */
	void send(List<Rejected> rejected) {
		CompletableFuture<?>[] sends = rejected.stream()
			.map((letter) -> this.template.send(deadLetter(letter)))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(sends).join();
	}

	private static ProducerRecord<String, byte[]> deadLetter(Rejected letter) {
		ConsumerRecord<String, byte[]> original = letter.record();
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(UsageRecordTopics.DEAD_LETTERS, null,
				original.key(), original.value());
		for (Header header : original.headers()) {
			record.headers().add(header);
		}
		record.headers()
			.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, letter.reason().getBytes(StandardCharsets.UTF_8))
			.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, original.topic().getBytes(StandardCharsets.UTF_8))
			.add(KafkaHeaders.DLT_ORIGINAL_PARTITION,
					ByteBuffer.allocate(Integer.BYTES).putInt(original.partition()).array())
			.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(original.offset()).array())
			.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
					ByteBuffer.allocate(Long.BYTES).putLong(original.timestamp()).array());
		return record;
	}

	@Override
	public void destroy() {
		this.producers.destroy();
	}

	/** A record that will not be stored, and why. */
	record Rejected(ConsumerRecord<String, byte[]> record, String reason) {
	}

}
