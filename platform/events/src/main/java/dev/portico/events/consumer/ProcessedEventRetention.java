package dev.portico.events.consumer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import dev.portico.events.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Forgets processed-event rows once no redelivery of their event is possible any more: a
 * record can only come back while its topic still holds it, so rows older than
 * {@code retention} (longer than the topics' seven days) guard nothing and would only
 * grow the table and its index with every event, forever. Deletes in batches, so that no
 * single statement holds many locks or a long transaction; several replicas doing it at
 * once delete disjoint or already-deleted rows, which is harmless.
 */
public class ProcessedEventRetention extends PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(ProcessedEventRetention.class);

	private final JdbcClient jdbc;

	private final RetentionProperties properties;

	private final Clock clock;

	public ProcessedEventRetention(JdbcClient jdbc, RetentionProperties properties, Clock clock) {
		super("processed-event-retention", properties.every());
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	protected void runOnce() {
		forgetOldRows();
	}

	/**
	 * Deletes the rows processed before now minus {@code retention}; returns how many.
	 */
	public long forgetOldRows() {
		Timestamp cutoff = Timestamp.from(this.clock.instant().minus(this.properties.retention()));
		long deleted = 0;
		try {
			int batch;
			do {
				batch = this.jdbc.sql("""
						DELETE FROM processed_event WHERE ctid IN (
						  SELECT ctid FROM processed_event WHERE processed_at < :cutoff LIMIT :batch)""")
					.param("cutoff", cutoff)
					.param("batch", this.properties.batch())
					.update();
				deleted += batch;
			}
			while (batch == this.properties.batch() && !Thread.currentThread().isInterrupted());
		}
		catch (RuntimeException ex) {
			// The database is away or busy: the rows wait for the next round.
			log.warn("Forgetting processed events older than {} failed, trying again in {}: {}", cutoff.toInstant(),
					this.properties.every(), ex.getMessage());
		}
		if (deleted > 0) {
			log.info("Forgot {} processed events older than {}", deleted, cutoff.toInstant());
		}
		return deleted;
	}

	/**
	 * @param retention how long a processed event is remembered; must stay longer than
	 * the retention of every topic the service consumes (seven days in k8s/ and the local
	 * broker), or a redelivered record could be applied again
	 * @param every how often old rows are looked for
	 * @param batch rows deleted per statement
	 */
	@ConfigurationProperties("portico.events.processed")
	public record RetentionProperties(@DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration every,
			@DefaultValue("5000") int batch) {

		public RetentionProperties {
			if (retention.compareTo(Duration.ofDays(8)) < 0) {
				throw new IllegalArgumentException("portico.events.processed.retention must be at least 8 days, "
						+ "longer than the topics' retention of 7 days, not " + retention);
			}
			if (batch < 1) {
				throw new IllegalArgumentException("portico.events.processed.batch must be at least 1, not " + batch);
			}
		}

	}

}
