package dev.portico.platform.web.servlet;

import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Boot's error page and JSON so that errors raised outside Spring MVC (by the
 * container or a filter) still reach the client as problems, without the exception's
 * message.
 */
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

	@RequestMapping(produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE,
			MediaType.ALL_VALUE })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer value) ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		ProblemType type = ProblemType.forStatus(status);
		ProblemDetail problem = Problems.of(HttpStatus.valueOf(status), type.uri(), type.title(), type.title() + ".",
				(uri != null) ? uri.toString() : null);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
