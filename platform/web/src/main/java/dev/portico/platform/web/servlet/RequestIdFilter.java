package dev.portico.platform.web.servlet;

import java.io.IOException;

import dev.portico.platform.web.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, echoes it on the response and puts it into every log line of
 * the request.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
		request.setAttribute(RequestIds.MDC_KEY, requestId);
		response.setHeader(RequestIds.HEADER, requestId);
		MDC.put(RequestIds.MDC_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
