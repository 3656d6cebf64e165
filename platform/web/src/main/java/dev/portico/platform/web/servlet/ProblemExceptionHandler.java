package dev.portico.platform.web.servlet;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import dev.portico.platform.web.DependencyUnavailable;
import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.PortalException;
import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every error a client can provoke to an RFC 9457 problem, once for all services.
 * Details name the field or parameter at fault but never a class, a stack frame or SQL.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	/** About how long a PostgreSQL restart or failover takes to be usable again. */
	private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

	private static final Comparator<FieldError> BY_FIELD = Comparator.comparing(FieldError::field)
		.thenComparing(FieldError::message);

	@ExceptionHandler(PortalException.class)
	ResponseEntity<ProblemDetail> portalException(PortalException ex, HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		ex.headers().forEach(headers::set);
		return ResponseEntity.status(ex.status()).headers(headers).body(Problems.of(ex, request.getRequestURI()));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
		List<FieldError> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldError(leafName(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.sorted(BY_FIELD)
			.toList();
		return problem(Problems.validation(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors,
				request.getRequestURI()));
	}

	/**
	 * The last resort: logged with its stack trace here, answered without it. A database
	 * out of reach is not a bug: {@code 503} with {@code Retry-After}, logged in one
	 * line, so that clients retry (with the same Idempotency-Key) once it is back.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		if (databaseUnreachable(ex)) {
			log.warn("Database unreachable on {} {}: {}", request.getMethod(), request.getRequestURI(),
					ex.getMessage());
			return portalException(new DependencyUnavailable("database", DATABASE_RETRY_AFTER), request);
		}
		log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return problem(Problems.of(ProblemType.INTERNAL_ERROR, "The server could not complete the request.",
				request.getRequestURI()));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return body(Problems.validation(ProblemType.VALIDATION_FAILED, "The request has invalid fields.",
				fieldErrors(ex.getBindingResult()), path(request)), headers);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// Parameters of the URL or headers (page, size, sort, ...) are the client's
		// syntax, hence 400, while a body that breaks a rule is a 422 (see
		// handleMethodArgumentNotValid).
		List<FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldError(parameterName(result.getMethodParameter().getParameterName()),
						error.getDefaultMessage())))
			.sorted(BY_FIELD)
			.toList();
		return body(Problems.validation(ProblemType.INVALID_PARAMETER, "The request has invalid parameters.", errors,
				path(request)), headers);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causedBy(ex, BodySizeLimitFilter.BodyTooLargeException.class)) {
			return body(Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large.", path(request)),
					headers);
		}
		return body(Problems.of(ProblemType.MALFORMED_REQUEST, describeUnreadable(ex), path(request)), headers);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		return body(Problems.validation(ProblemType.INVALID_PARAMETER, "Invalid value for '" + name + "'.",
				List.of(new FieldError(name, "has an invalid value")), path(request)), headers);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return body(
				Problems.validation(ProblemType.INVALID_PARAMETER, "Missing parameter '" + ex.getParameterName() + "'.",
						List.of(new FieldError(ex.getParameterName(), "is required")), path(request)),
				headers);
	}

	@Override
	protected ResponseEntity<Object> handleServletRequestBindingException(
			org.springframework.web.bind.ServletRequestBindingException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		if (ex instanceof MissingRequestHeaderException missing) {
			return body(Problems.validation(ProblemType.INVALID_PARAMETER,
					"Missing header '" + missing.getHeaderName() + "'.",
					List.of(new FieldError(missing.getHeaderName(), "is required")), path(request)), headers);
		}
		return body(Problems.of(ProblemType.INVALID_PARAMETER, "The request is missing required parts.", path(request)),
				headers);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return body(Problems.of(ProblemType.NOT_FOUND, "No resource at this path.", path(request)), headers);
	}

	@Override
	protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return body(Problems.of(ProblemType.METHOD_NOT_ALLOWED, "Method " + ex.getMethod() + " is not supported here.",
				path(request)), headers);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return body(
				Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", path(request)),
				headers);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// The problem itself must still be readable, so answer JSON whatever the client
		// asked for.
		return body(Problems.of(ProblemType.NOT_ACCEPTABLE, "This resource cannot be represented as requested.",
				path(request)), headers);
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return body(Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large.", path(request)),
				headers);
	}

	/** Everything else Spring MVC raises keeps its status but gets our shape. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getType() != null
				&& problem.getType().toString().startsWith("https://portico.dev/")) {
			return super.handleExceptionInternal(ex, body, headers, statusCode, request);
		}
		ProblemType type = ProblemType.forStatus(statusCode.value());
		ProblemDetail problem = Problems.of(statusCode, type.uri(), type.title(), type.title() + ".", path(request));
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private ResponseEntity<Object> body(ProblemDetail problem, HttpHeaders headers) {
		return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	static List<FieldError> fieldErrors(BindingResult result) {
		return result.getFieldErrors()
			.stream()
			.map((error) -> new FieldError(error.getField(), error.getDefaultMessage()))
			.sorted(BY_FIELD)
			.toList();
	}

	/**
	 * Names the JSON field at fault without echoing Jackson's message, which names our
	 * classes.
	 */
	static String describeUnreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown field '" + jsonPath(unknown) + "'.";
		}
		if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
			String path = jsonPath((JacksonException) cause);
			return path.isEmpty() ? "The request body does not have the expected shape."
					: "Invalid value for field '" + path + "'.";
		}
		if (cause instanceof JacksonException) {
			return "The request body is not valid JSON.";
		}
		return "The request body is missing or unreadable.";
	}

	static String jsonPath(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	/**
	 * Whether {@code ex} comes from a database connection that could not be had or was
	 * lost (the pool timing out, PostgreSQL shutting down or gone): JDBC's own types and
	 * SQL states, so that this needs no data-access library.
	 */
	static boolean databaseUnreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof java.sql.SQLTransientConnectionException
					|| cause instanceof java.sql.SQLNonTransientConnectionException
					|| cause instanceof java.sql.SQLRecoverableException) {
				return true;
			}
			if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
		}
		return false;
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	private static String leafName(String propertyPath) {
		// "create.request.amount" -> "amount": the method and parameter names are ours,
		// not the client's
		String[] parts = propertyPath.split("\\.");
		return (parts.length > 2) ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
				: parts[parts.length - 1];
	}

	private static String parameterName(String name) {
		return (name != null) ? name : "parameter";
	}

	private static String path(WebRequest request) {
		return (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI() : null;
	}

}
