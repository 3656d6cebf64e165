package dev.portico.web.api;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClientResponseException;

/**
 * An RFC 9457 problem the API answered, as a form needs it: the {@code detail} and the field errors by field name
 * ({@code contact.email}), the first message of each field.
 */
public record ApiProblem(int status, String detail, Map<String, String> fieldErrors) {

	public static ApiProblem of(RestClientResponseException ex, JsonMapper json) {
		Map<String, String> fields = new LinkedHashMap<>();
		String detail = null;
		try {
			JsonNode problem = json.readTree(ex.getResponseBodyAsString());
			detail = problem.path("detail").asString(null);
			problem.path("errors").forEach((error) -> fields.putIfAbsent(error.path("field").asString(""),
					error.path("message").asString("")));
		}
		catch (RuntimeException notJson) {
			// no detail to show
		}
		return new ApiProblem(ex.getStatusCode().value(), detail, fields);
	}

}
