package dev.portico.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The problem types every Portico service answers with. Clients switch on {@link #uri()},
 * so the slugs are part of the public contract and never change once published.
 */
public enum ProblemType {

	MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
	INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid request parameter"),
	VALIDATION_FAILED("validation-failed", HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed"),
	UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
	TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
	SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	/** Problem type URIs resolve to the API documentation of each problem. */
	public static final String BASE_URI = "https://portico.dev/problems/";

	private final String slug;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.slug = slug;
		this.status = status;
		this.title = title;
	}

	/**
	 * The last segment of {@link #uri()}, as {@link PortalException} subclasses name
	 * their type.
	 */
	public String slug() {
		return this.slug;
	}

	public URI uri() {
		return URI.create(BASE_URI + this.slug);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	/** The type for a status that has no more specific problem type. */
	public static ProblemType forStatus(int status) {
		for (ProblemType type : values()) {
			if (type.status.value() == status) {
				return type;
			}
		}
		return (status >= 500) ? INTERNAL_ERROR : MALFORMED_REQUEST;
	}

}
