package dev.portico.platform.web;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatusCode;

/**
 * A domain error with a name of its own ({@code InvoiceNotOpen}), mapped once, here, to
 * an RFC 9457 problem. Subclasses choose the status and a stable type slug; the message
 * becomes the problem's {@code detail}, so it must be written for the client and never
 * carry internals.
 */
public abstract class PortalException extends RuntimeException {

	private final HttpStatusCode status;

	private final URI type;

	private final String title;

	protected PortalException(HttpStatusCode status, String typeSlug, String title, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.type = URI.create(ProblemType.BASE_URI + typeSlug);
		this.title = title;
	}

	public HttpStatusCode status() {
		return this.status;
	}

	public URI type() {
		return this.type;
	}

	public String title() {
		return this.title;
	}

	/** Extra members of the problem, e.g. the {@code paymentId} of a declined payment. */
	public Map<String, Object> properties() {
		return Map.of();
	}

	/** Response headers the problem needs, e.g. {@code Retry-After}. */
	public Map<String, String> headers() {
		return Map.of();
	}

}
