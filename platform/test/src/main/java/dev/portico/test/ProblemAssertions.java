package dev.portico.test;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every error response of the suite must be: an RFC 9457 problem of our type that
 * reveals nothing inside.
 */
public final class ProblemAssertions {

	public static final String TYPE_BASE = "https://portico.dev/problems/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemAssertions() {
	}

	/**
	 * Asserts the response is a problem with this status and type slug, and returns its
	 * JSON.
	 */
	public static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo(TYPE_BASE + type);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("instance").asString()).startsWith("/");
		assertThat(response.body()).doesNotContain("Exception", "java.", "tools.jackson", "stack");
		return problem;
	}

}
