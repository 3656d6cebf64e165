package dev.portico.platform.web;

import java.util.List;
import java.util.Map;

/**
 * A query parameter the endpoint does not accept, e.g. an unknown sort field: {@code 400}
 * naming the parameter, never silently replaced by a default.
 */
public class InvalidParameter extends PortalException {

	private final List<FieldError> errors;

	public InvalidParameter(String parameter, String message) {
		super(ProblemType.INVALID_PARAMETER.status(), ProblemType.INVALID_PARAMETER.slug(),
				ProblemType.INVALID_PARAMETER.title(), "Parameter '" + parameter + "' is invalid: " + message);
		this.errors = List.of(new FieldError(parameter, message));
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("errors", this.errors);
	}

}
