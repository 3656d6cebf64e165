package dev.portico.web.errors;

import dev.portico.web.api.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * What a page shows when the API says no or cannot be reached: a readable message with
 * the API's own explanation (its problem's {@code detail}), never raw JSON or a stack
 * trace. An expired login sends the user to log in again.
 */
@ControllerAdvice
class ApiErrors {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	private final JsonMapper json;

	ApiErrors(JsonMapper json) {
		this.json = json;
	}

	@ExceptionHandler(RestClientResponseException.class)
	String apiSaidNo(RestClientResponseException ex, HttpServletResponse response, Model model) {
		HttpStatusCode status = ex.getStatusCode();
		if (status.value() == 401) {
			return "redirect:/";
		}
		String detail = ApiProblem.of(ex, this.json).detail();
		if (status.is5xxServerError()) {
			log.warn("API answered {}: {}", status.value(), detail);
			return unavailable(response, model);
		}
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		model.addAttribute("messageKey", messageKey(status.value()));
		model.addAttribute("detail", detail);
		return "error";
	}

	@ExceptionHandler(ResourceAccessException.class)
	String apiUnreachable(ResourceAccessException ex, HttpServletResponse response, Model model) {
		log.warn("API unreachable: {}", ex.getMessage());
		return unavailable(response, model);
	}

	/**
	 * The refresh token has expired or was revoked: the session is over, log in again.
	 */
	@ExceptionHandler({ ClientAuthorizationRequiredException.class, ClientAuthorizationException.class })
	String loginAgain(HttpServletRequest request) {
		request.getSession().invalidate();
		return "redirect:/";
	}

	private static String unavailable(HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		model.addAttribute("status", 503);
		model.addAttribute("messageKey", "error.unavailable");
		return "error";
	}

	private static String messageKey(int status) {
		return switch (status) {
			case 403 -> "error.forbidden";
			case 404 -> "error.notFound";
			case 429 -> "error.tooMany";
			default -> "error.rejected";
		};
	}

}
