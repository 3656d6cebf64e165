package dev.portico.platform.web;

import java.util.List;
import java.util.Map;

/**
 * A request that is well-formed but breaks a rule, answered like a failed bean
 * validation: {@code 422} with the fields at fault in {@code errors}.
 */
public class InvalidFields extends PortalException {

	private final List<FieldError> errors;

	public InvalidFields(List<FieldError> errors) {
		super(ProblemType.VALIDATION_FAILED.status(), "validation-failed", ProblemType.VALIDATION_FAILED.title(),
				"The request has invalid fields.");
		this.errors = List.copyOf(errors);
	}

	public static InvalidFields of(String field, String message) {
		return new InvalidFields(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("errors", this.errors);
	}

}
