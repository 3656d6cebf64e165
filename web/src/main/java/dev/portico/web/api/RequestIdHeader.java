package dev.portico.web.api;

import java.io.IOException;

import dev.portico.platform.web.RequestIds;
import org.slf4j.MDC;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Every API call carries the id of the page request it was made for, so one id finds its
 * lines in every log.
 */
class RequestIdHeader implements ClientHttpRequestInterceptor {

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String requestId = MDC.get(RequestIds.MDC_KEY);
		if (requestId != null) {
			request.getHeaders().set(RequestIds.HEADER, requestId);
		}
		return execution.execute(request, body);
	}

}
