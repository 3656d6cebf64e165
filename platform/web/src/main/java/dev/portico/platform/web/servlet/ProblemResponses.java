package dev.portico.platform.web.servlet;

import java.io.IOException;

import dev.portico.platform.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem straight to the response, for filters and security handlers that run
 * outside MVC.
 */
public class ProblemResponses {

	private final JsonMapper jsonMapper;

	public ProblemResponses(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.jsonMapper.writeValue(response.getOutputStream(), Problems.toMap(problem));
	}

}
