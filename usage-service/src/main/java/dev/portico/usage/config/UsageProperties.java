package dev.portico.usage.config;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an operator sets for usage.
 *
 * @param timeZone where the provider's days begin ({@code PORTICO_USAGE_TIME_ZONE}):
 * records are rolled up per day and billing periods start at midnight of the bill day in
 * this zone. Changing it affects records received afterwards only; the daily totals
 * already written keep the days of the old zone.
 * @param kafka the consumer of {@code usage.records.v1}
 */
@ConfigurationProperties("portico.usage")
public record UsageProperties(@DefaultValue("UTC") ZoneId timeZone, @DefaultValue Kafka kafka) {

	/**
	 * @param maxPollRecords records handed to the listener at most per poll, and so
	 * written in one statement ({@code PORTICO_USAGE_KAFKA_MAX_POLL_RECORDS})
	 */
	public record Kafka(@DefaultValue("2000") int maxPollRecords) {
	}

}
