package dev.portico.usage.ingest;

/**
 * What became of a batch.
 *
 * @param received records in the batch
 * @param accepted records stored now
 * @param duplicates records whose id was seen before (or earlier in the same batch),
 * ignored
 */
record IngestResult(int received, int accepted, int duplicates) {

	static IngestResult of(int received, int accepted) {
		return new IngestResult(received, accepted, received - accepted);
	}

}
