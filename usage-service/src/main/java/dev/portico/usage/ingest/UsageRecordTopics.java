package dev.portico.usage.ingest;

/**
 * The topics usage arrives on. Producers are the provider's mediation systems, not a
 * Portico service, so the names live with their only consumer; the record shape is
 * {@link dev.portico.usage.record.RecordInput} as JSON.
 */
final class UsageRecordTopics {

	static final String RECORDS = "usage.records.v1";

	/**
	 * Records that could not be stored, as they arrived, with the reason in their
	 * headers.
	 */
	static final String DEAD_LETTERS = RECORDS + ".dlt";

	private UsageRecordTopics() {
	}

}
