package dev.portico.web.api;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Names the visitor of the current page as the client of an anonymous API call. The web
 * app is one of the proxies the gateway believes, and it knows the visitor's address from
 * the gateway in turn; without this every visitor's forgot-password would count against
 * the web app's own address.
 */
class VisitorAddress implements ClientHttpRequestInterceptor {

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current) {
			request.getHeaders().set("X-Forwarded-For", current.getRequest().getRemoteAddr());
		}
		return execution.execute(request, body);
	}

}
