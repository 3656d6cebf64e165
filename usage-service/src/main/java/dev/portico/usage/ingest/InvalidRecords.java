package dev.portico.usage.ingest;

import java.util.List;
import java.util.Map;

import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.PortalException;
import dev.portico.platform.web.ProblemType;

/**
 * A batch with records that break the rules: {@code 422} naming each field at fault by
 * the record's index ({@code records[3].quantity}), as a failed validation elsewhere in
 * the API. The list is capped, so that a batch of 10,000 bad records does not answer with
 * megabytes of errors; {@code invalidRecords} tells how many there are.
 */
class InvalidRecords extends PortalException {

	static final int MAX_ERRORS = 100;

	private final List<FieldError> errors;

	private final int invalidRecords;

	private InvalidRecords(String detail, List<FieldError> errors, int invalidRecords) {
		super(ProblemType.VALIDATION_FAILED.status(), ProblemType.VALIDATION_FAILED.slug(),
				ProblemType.VALIDATION_FAILED.title(), detail);
		this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
		this.invalidRecords = invalidRecords;
	}

	/** {@code invalid} records break the rules, with these errors. */
	static InvalidRecords of(List<FieldError> errors, int invalid) {
		String detail = ((invalid == 1) ? "1 record is" : invalid + " records are")
				+ " invalid; nothing of the batch was stored."
				+ ((errors.size() > MAX_ERRORS) ? " The first " + MAX_ERRORS + " errors are listed." : "");
		return new InvalidRecords(detail, errors, invalid);
	}

	/** The batch itself is at fault (empty, too long). */
	static InvalidRecords batch(String message) {
		return new InvalidRecords("The batch " + message + "; nothing of it was stored.",
				List.of(new FieldError("records", message)), 0);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("errors", this.errors, "invalidRecords", this.invalidRecords);
	}

}
