package dev.portico.platform.web.servlet;

import java.io.IOException;

import dev.portico.platform.web.BodySizeLimits;
import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies above the configured size with a {@code 413} problem. A declared length
 * is checked before anything reads the body; a chunked body is counted as it is read,
 * since Tomcat's own limits only cover form posts and a JSON body is parsed whole into
 * memory.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

	private final BodySizeLimits limits;

	private final ProblemResponses responses;

	public BodySizeLimitFilter(BodySizeLimits limits, ProblemResponses responses) {
		this.limits = limits;
		this.responses = responses;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long maxBytes = this.limits.forPath(request.getRequestURI());
		if (request.getContentLengthLong() > maxBytes) {
			this.responses.write(response, Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
					"The request body exceeds " + maxBytes + " bytes.", request.getRequestURI()));
			return;
		}
		chain.doFilter((request.getContentLengthLong() < 0) ? new Limited(request, maxBytes) : request, response);
	}

	/** Raised while reading a body that grows past the limit; mapped to {@code 413}. */
	public static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long maxBytes) {
			super("The request body exceeds " + maxBytes + " bytes.");
		}

	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingStream(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private long count;

		CountingStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			this.count += n;
			if (this.count > this.maxBytes) {
				throw new BodyTooLargeException(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
