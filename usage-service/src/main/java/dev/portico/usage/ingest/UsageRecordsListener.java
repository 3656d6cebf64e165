package dev.portico.usage.ingest;

import java.util.ArrayList;
import java.util.List;

import dev.portico.usage.record.RecordInput;
import dev.portico.usage.record.RecordRules;
import dev.portico.usage.record.UsageRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Usage from {@code usage.records.v1}, a polled batch at a time: the valid records are
 * stored in one statement, the others go to the dead-letter topic with the reason, and
 * neither holds up the other. A batch delivered again (the service stopped before
 * committing its offsets) stores nothing twice, since record ids are deduplicated.
 */
@Component
class UsageRecordsListener {

	private static final Logger log = LoggerFactory.getLogger(UsageRecordsListener.class);

	/** Longest parser message kept in a dead letter's reason. */
	private static final int MAX_REASON = 300;

	private final UsageIngestion ingestion;

	private final RecordRules rules;

	private final DeadLetters deadLetters;

	private final JsonMapper json;

	UsageRecordsListener(UsageIngestion ingestion, RecordRules rules, DeadLetters deadLetters, JsonMapper json) {
		this.ingestion = ingestion;
		this.rules = rules;
		this.deadLetters = deadLetters;
		// Producers may add fields before usage-service knows them; that alone should not
		// set records aside.
		this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	@KafkaListener(topics = UsageRecordTopics.RECORDS,
			containerFactory = UsageRecordsKafkaConfiguration.LISTENER_FACTORY, batch = "true")
	void on(List<ConsumerRecord<String, byte[]>> batch) {
		List<UsageRecord> valid = new ArrayList<>(batch.size());
		List<DeadLetters.Rejected> rejected = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : batch) {
			String problem = null;
			RecordInput input = null;
			if (record.value() == null || record.value().length == 0) {
				problem = "empty value";
			}
			else {
				try {
					input = this.json.readValue(record.value(), RecordInput.class);
				}
				catch (JacksonException ex) {
					problem = "not a usage record: " + abbreviate(ex.getOriginalMessage());
				}
			}
			if (problem == null) {
				RecordRules.Checked checked = this.rules.check(input, "");
				if (checked.valid()) {
					valid.add(checked.record());
					continue;
				}
				problem = checked.reason();
			}
			rejected.add(new DeadLetters.Rejected(record, problem));
		}
		// Stored first: should the dead-letter send fail, the batch comes again and
		// stores nothing twice.
		if (!valid.isEmpty()) {
			this.ingestion.store(valid, UsageIngestion.Source.KAFKA);
		}
		if (!rejected.isEmpty()) {
			this.deadLetters.send(rejected);
			this.ingestion.count(UsageIngestion.Source.KAFKA, "rejected", rejected.size());
			log.warn("{} of {} usage records set aside on {}", rejected.size(), batch.size(),
					UsageRecordTopics.DEAD_LETTERS);
		}
	}

	private static String abbreviate(String message) {
		String text = (message != null) ? message.replaceAll("\\s+", " ") : "unreadable";
		return (text.length() > MAX_REASON) ? text.substring(0, MAX_REASON) + "…" : text;
	}

}
