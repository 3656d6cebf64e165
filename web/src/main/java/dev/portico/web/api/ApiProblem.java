package dev.portico.web.api;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClientResponseException;

/**
 * An RFC 9457 problem the API answered, as a page needs it: the {@code detail}
 * ({@code null} when there is none), the field errors by field name
 * ({@code contact.email}, the first message of each field), and any other member by name
 * (a declined payment's {@code paymentId}). Nothing of it is shown but the detail and the
 * field messages.
 */
public record ApiProblem(int status, String detail, Map<String, String> fieldErrors, JsonNode body) {

	public static ApiProblem of(RestClientResponseException ex, JsonMapper json) {
		JsonNode problem;
		try {
			problem = json.readTree(ex.getResponseBodyAsString());
		}
		catch (RuntimeException notJson) {
			problem = json.createObjectNode();
		}
		Map<String, String> fields = new LinkedHashMap<>();
		problem.path("errors")
			.forEach((error) -> fields.putIfAbsent(error.path("field").asString(""),
					error.path("message").asString("")));
		String detail = problem.path("detail").asString(null);
		return new ApiProblem(ex.getStatusCode().value(), (detail != null && !detail.isBlank()) ? detail : null, fields,
				problem);
	}

	/** What the API says of one field ("a top-10 common password"), else its detail. */
	public String reason(String field) {
		String reason = this.fieldErrors.get(field);
		return (reason != null && !reason.isBlank()) ? reason : this.detail;
	}

	/** A member of the problem as text, or {@code null}. */
	public String property(String name) {
		return this.body.path(name).asString(null);
	}

}
