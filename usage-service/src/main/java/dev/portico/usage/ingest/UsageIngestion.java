package dev.portico.usage.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.portico.platform.web.FieldError;
import dev.portico.usage.record.RecordInput;
import dev.portico.usage.record.RecordRules;
import dev.portico.usage.record.UsageRecord;
import dev.portico.usage.record.UsageRecords;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;

/**
 * Takes usage in: a REST batch is all or nothing, a Kafka batch stores what is valid (the
 * listener sets the rest aside). Either way the valid records are written in one
 * statement.
 */
@Service
class UsageIngestion {

	/** The most records one request may carry (docs/api.md). */
	static final int MAX_BATCH = 10_000;

	private final RecordRules rules;

	private final UsageRecords records;

	private final Clock clock;

	private final MeterRegistry meters;

	UsageIngestion(RecordRules rules, UsageRecords records, Clock clock, MeterRegistry meters) {
		this.rules = rules;
		this.records = records;
		this.clock = clock;
		this.meters = meters;
	}

	/** Checks every record first; a single invalid one keeps the whole batch out. */
	IngestResult ingestAll(List<RecordInput> batch) {
		if (batch == null || batch.isEmpty()) {
			throw InvalidRecords.batch("must hold at least one record");
		}
		if (batch.size() > MAX_BATCH) {
			throw InvalidRecords.batch("must hold at most " + MAX_BATCH + " records, not " + batch.size());
		}
		List<UsageRecord> valid = new ArrayList<>(batch.size());
		List<FieldError> errors = new ArrayList<>();
		int invalid = 0;
		for (int i = 0; i < batch.size(); i++) {
			RecordRules.Checked checked = this.rules.check(batch.get(i), "records[" + i + "].");
			if (checked.valid()) {
				valid.add(checked.record());
			}
			else {
				invalid++;
				errors.addAll(checked.errors());
			}
		}
		if (invalid > 0) {
			count(Source.REST, "rejected", invalid);
			throw InvalidRecords.of(errors, invalid);
		}
		return store(valid, Source.REST);
	}

	/** Stores records already checked. */
	IngestResult store(List<UsageRecord> valid, Source source) {
		IngestResult result = IngestResult.of(valid.size(), this.records.insert(valid, this.clock.instant()));
		count(source, "accepted", result.accepted());
		count(source, "duplicate", result.duplicates());
		return result;
	}

	/**
	 * {@code portico_usage_records_total{source, outcome}}: what operators watch for a
	 * producer going wrong.
	 */
	void count(Source source, String outcome, int records) {
		if (records > 0) {
			this.meters.counter("portico.usage.records", "source", source.tag, "outcome", outcome).increment(records);
		}
	}

	enum Source {

		REST("rest"), KAFKA("kafka");

		final String tag;

		Source(String tag) {
			this.tag = tag;
		}

	}

}
