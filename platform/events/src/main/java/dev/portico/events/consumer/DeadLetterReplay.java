package dev.portico.events.consumer;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the records of a dead-letter topic back to the topic they came from, once the
 * reason they were set aside is fixed: key, value and headers exactly as they first
 * arrived (the dead-letter headers dropped), so that each consumer applies them as if
 * they had never failed, and once (consumers apply an event id once, so a replay that is
 * interrupted and run again doubles nothing). Its progress is the committed offset of its
 * own consumer group, {@value #GROUP}: each run replays what came in since the last one,
 * up to where the topic ended when it started (a record that fails again is set aside
 * behind that end, for a later run). Plain Kafka clients only, so that it runs from any
 * service image as well as from {@code ./portal replay-dead-letters}.
 *
 * <pre>
 * java -cp &lt;classpath&gt; dev.portico.events.consumer.DeadLetterReplay --bootstrap-servers HOST:PORT payments.v1.dlt
 * </pre>
 *
 * A broker that wants clients to sign in (production's SCRAM over TLS) gets their
 * settings as with Kafka's own tools: {@code --command-config client.properties}.
 */
public final class DeadLetterReplay {

	static final String GROUP = "portico-dead-letter-replay";

	/**
	 * Spring Kafka's dead-letter headers and the deserializer's exception headers: not
	 * part of the original.
	 */
	private static final List<String> ADDED_HEADER_PREFIXES = List.of("kafka_dlt-", "springDeserializerException");

	private DeadLetterReplay() {
	}

	public static void main(String[] args) throws Exception {
		String bootstrap = null;
		String topic = null;
		Map<String, Object> client = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--bootstrap-servers") && i + 1 < args.length) {
				bootstrap = args[++i];
			}
			else if (args[i].equals("--command-config") && i + 1 < args.length) {
				Properties settings = new Properties();
				try (Reader file = Files.newBufferedReader(Path.of(args[++i]))) {
					settings.load(file);
				}
				settings.forEach((name, value) -> client.put(String.valueOf(name), value));
			}
			else {
				topic = args[i];
			}
		}
		if (bootstrap == null || topic == null || !topic.endsWith(ConsumerErrors.DEAD_LETTER_SUFFIX)) {
			System.err.println("usage: DeadLetterReplay --bootstrap-servers HOST:PORT [--command-config FILE] TOPIC"
					+ ConsumerErrors.DEAD_LETTER_SUFFIX);
			System.exit(2);
		}
		long replayed = replay(bootstrap, client, topic);
		System.out.println("Replayed " + replayed + " record(s) of " + topic);
	}

	/**
	 * Replays what {@code deadLetterTopic} holds beyond the replay group's offset;
	 * returns how many.
	 */
	public static long replay(String bootstrapServers, String deadLetterTopic)
			throws InterruptedException, ExecutionException {
		return replay(bootstrapServers, Map.of(), deadLetterTopic);
	}

	/** The same with further client settings for both directions (sign-in, TLS). */
	public static long replay(String bootstrapServers, Map<String, Object> client, String deadLetterTopic)
			throws InterruptedException, ExecutionException {
		Map<String, Object> consumerSettings = new HashMap<>(client);
		consumerSettings.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
		Map<String, Object> producerSettings = new HashMap<>(client);
		producerSettings.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
		String original = deadLetterTopic.substring(0,
				deadLetterTopic.length() - ConsumerErrors.DEAD_LETTER_SUFFIX.length());
		long replayed = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings,
						new ByteArraySerializer(), new ByteArraySerializer())) {
			// Up to where the topic ends now: a record that fails again comes back behind
			// that end, for a later run.
			List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
			for (TopicPartition partition : partitions) {
				OffsetAndMetadata from = committed.get(partition);
				if (from != null) {
					consumer.seek(partition, from.offset());
				}
				else {
					consumer.seekToBeginning(List.of(partition));
				}
			}
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				for (ConsumerRecord<byte[], byte[]> letter : consumer.poll(Duration.ofMillis(500))) {
					TopicPartition partition = new TopicPartition(letter.topic(), letter.partition());
					if (letter.offset() >= ends.get(partition)) {
						continue;
					}
					producer.send(backToItsTopic(letter, original)).get();
					replayed++;
					// Only once Kafka has the replayed record: an interrupted run replays
					// the rest next time.
					consumer.commitSync(Map.of(partition, new OffsetAndMetadata(letter.offset() + 1)));
				}
			}
		}
		return replayed;
	}

	static ProducerRecord<byte[], byte[]> backToItsTopic(ConsumerRecord<byte[], byte[]> letter, String fallback) {
		Header from = letter.headers().lastHeader("kafka_dlt-original-topic");
		String topic = (from != null) ? new String(from.value(), StandardCharsets.UTF_8) : fallback;
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, letter.key(), letter.value());
		for (Header header : letter.headers()) {
			if (ADDED_HEADER_PREFIXES.stream().noneMatch(header.key()::startsWith)) {
				record.headers().add(header);
			}
		}
		return record;
	}

}
