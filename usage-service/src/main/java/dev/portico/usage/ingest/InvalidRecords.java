package dev.portico.usage.ingest;

import java.util.List;
import java.util.Map;

import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.PortalException;
import dev.portico.platform.web.ProblemType;

/**
 * A batch with records that break the rules: {@code 422} naming each field at fault by the record's index
 * ({@code records[3].quantity}), as a failed validation elsewhere in the API. The list is capped, so that a batch of
 * 10,000 bad records does not answer with megabytes of errors; {@code invalidRecords} tells how many there are.
 */
class InvalidRecords extends PortalException {

	static final int MAX_ERRORS = 100;

	private final List<FieldError> errors;

	private final int invalidRecords;

	InvalidRecords(List<FieldError> errors, int invalidRecords) {
		super(ProblemType.VALIDATION_FAILED.status(), ProblemType.VALIDATION_FAILED.slug(),
				ProblemType.VALIDATION_FAILED.title(),
				invalidRecords + " of the records are invalid; nothing of the batch was stored."
						+ ((errors.size() > MAX_ERRORS) ? " The first " + MAX_ERRORS + " errors are listed." : ""));
		this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
		this.invalidRecords = invalidRecords;
	}

	/** The batch itself is at fault (empty, too long). */
	static InvalidRecords batch(String message) {
		return new InvalidRecords(List.of(new FieldError("records", message)), 0);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("errors", this.errors, "invalidRecords", this.invalidRecords);
	}

}
