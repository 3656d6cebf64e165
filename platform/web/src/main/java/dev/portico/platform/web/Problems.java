package dev.portico.platform.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problems in one shape for the servlet and the reactive stacks alike. */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(ProblemType type, String detail, String instance) {
		return of(type.status(), type.uri(), type.title(), detail, instance);
	}

	public static ProblemDetail of(HttpStatusCode status, URI type, String title, String detail, String instance) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setType(type);
		problem.setTitle(title);
		problem.setDetail(detail);
		if (instance != null) {
			problem.setInstance(URI.create(instance));
		}
		return problem;
	}

	public static ProblemDetail validation(ProblemType type, String detail, List<FieldError> errors, String instance) {
		ProblemDetail problem = of(type, detail, instance);
		problem.setProperty("errors", errors);
		return problem;
	}

	/**
	 * The problem as its JSON members, for writers that run outside the message
	 * converters.
	 */
	public static Map<String, Object> toMap(ProblemDetail problem) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("type", (problem.getType() != null) ? problem.getType().toString() : "about:blank");
		map.put("title", problem.getTitle());
		map.put("status", problem.getStatus());
		if (problem.getDetail() != null) {
			map.put("detail", problem.getDetail());
		}
		if (problem.getInstance() != null) {
			map.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			map.putAll(problem.getProperties());
		}
		return map;
	}

	public static ProblemDetail of(PortalException ex, String instance) {
		ProblemDetail problem = of(ex.status(), ex.type(), ex.title(), ex.getMessage(), instance);
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

}
