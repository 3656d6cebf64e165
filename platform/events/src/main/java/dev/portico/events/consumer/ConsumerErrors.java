package dev.portico.events.consumer;

import java.io.IOException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How every event consumer of the suite handles a record it fails on, so that no event is
 * ever dropped:
 * <ul>
 * <li>a <em>transient</em> failure (the database or the broker away, a timeout) is
 * retried for as long as it takes, backing off from half a second to 30 s, without
 * committing the record's offset: only its partition waits, and it goes on where it
 * stopped once the failure is over;</li>
 * <li>a <em>poison</em> record (it cannot be deserialized, or breaks a rule:
 * {@link PoisonEvent}, a constraint of the consumer's tables) goes straight to
 * {@code <topic>.dlt}, as it arrived, with the reason in Spring Kafka's dead-letter
 * headers;</li>
 * <li>any other failure, a bug rather than an outage, is retried a few times, then set
 * aside the same way.</li>
 * </ul>
 * Each dead letter counts in {@code portico_events_dead_letters_total{topic}}, which the
 * {@code PorticoDeadLetters} alert watches; {@link DeadLetterReplay} sends them back to
 * their topic once the cause is fixed.
 */
public final class ConsumerErrors {

	/** The dead-letter topic of {@code topic}. */
	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	private static final Logger log = LoggerFactory.getLogger(ConsumerErrors.class);

	private static final Duration FIRST_BACK_OFF = Duration.ofMillis(500);

	private static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);

	/**
	 * Attempts of a failure that is neither transient nor poison before the record is set
	 * aside.
	 */
	static final int OTHER_FAILURE_ATTEMPTS = 5;

	private ConsumerErrors() {
	}

	/**
	 * The error handler of the suite's consumers, writing dead letters with {@code json}
	 * and, for records that could not be deserialized, their bytes as they arrived with
	 * {@code bytes}.
	 */
	public static DefaultErrorHandler handler(KafkaOperations<?, ?> json, KafkaOperations<?, ?> bytes,
			MeterRegistry meters) {
		// Looked up in order: the byte-array template first, for values that are byte
		// arrays.
		Map<Class<?>, KafkaOperations<? extends Object, ? extends Object>> templates = new LinkedHashMap<>();
		templates.put(byte[].class, bytes);
		templates.put(Object.class, json);
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates, (record, ex) -> {
			// Partition left to the key's hash: the dead-letter topic need not have as
			// many partitions.
			return new TopicPartition(record.topic() + DEAD_LETTER_SUFFIX, -1);
		});
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			recoverer.accept(record, ex);
			if (meters != null) {
				meters.counter("portico.events.dead.letters", "topic", record.topic()).increment();
			}
			log.error("Set aside record {}-{}@{} on {}{}: {}", record.topic(), record.partition(), record.offset(),
					record.topic(), DEAD_LETTER_SUFFIX, rootMessage(ex));
		}, retryForever());
		handler.setBackOffFunction((record, ex) -> isTransient(ex) ? retryForever() : retryAFewTimes());
		handler.addNotRetryableExceptions(PoisonEvent.class, DataIntegrityViolationException.class);
		// A duplicate key is a race between two consumers of one event (a rebalance): the
		// retry finds it applied.
		handler.addRetryableExceptions(DuplicateKeyException.class);
		handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
		return handler;
	}

	/**
	 * Whether {@code failure} (or its cause) is an outage that passes rather than
	 * something about the record.
	 */
	static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof RecoverableDataAccessException
					|| cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException
					|| cause instanceof SQLRecoverableException || cause instanceof RetriableException
					|| cause instanceof TimeoutException || cause instanceof IOException) {
				return true;
			}
			if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
							|| sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
				// Connection lost, server shutting down, serialization failure, deadlock.
				return true;
			}
		}
		return false;
	}

	private static BackOff retryForever() {
		ExponentialBackOff backOff = new ExponentialBackOff(FIRST_BACK_OFF.toMillis(), 2);
		backOff.setMaxInterval(MAX_BACK_OFF.toMillis());
		return backOff;
	}

	private static BackOff retryAFewTimes() {
		ExponentialBackOff backOff = new ExponentialBackOff(FIRST_BACK_OFF.toMillis(), 2);
		backOff.setMaxAttempts(OTHER_FAILURE_ATTEMPTS - 1);
		return backOff;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
