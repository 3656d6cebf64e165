package dev.portico.web.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Puts the signed-in user's access token on every API call, refreshed first when it has
 * expired. With no usable token (never logged in, or the refresh token expired) the call
 * is not made: the user is sent to log in again.
 */
public class UserToken implements ClientHttpRequestInterceptor {

	/**
	 * The token of the request a call was forked from ({@link ApiCalls}): a forked call
	 * never touches the request or its session, which the servlet container may recycle
	 * for another user's request once the page is sent.
	 */
	private static final ThreadLocal<String> FORKED = new ThreadLocal<>();

	private final OAuth2AuthorizedClientManager clients;

	private final String registrationId;

	public UserToken(OAuth2AuthorizedClientManager clients, String registrationId) {
		this.clients = clients;
		this.registrationId = registrationId;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String forked = FORKED.get();
		request.getHeaders().setBearerAuth((forked != null) ? forked : accessToken());
		return execution.execute(request, body);
	}

	/**
	 * Runs {@code call} with {@code token} as the token of every API call it makes on
	 * this thread.
	 */
	static <T> T callingWith(String token, java.util.function.Supplier<T> call) {
		FORKED.set(token);
		try {
			return call.get();
		}
		finally {
			FORKED.remove();
		}
	}

	/**
	 * The signed-in user's access token, refreshed if it has expired; only on a request's
	 * thread.
	 */
	public String accessToken() {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.getRequestAttributes();
		if (user == null || current == null) {
			throw new ClientAuthorizationRequiredException(this.registrationId);
		}
		OAuth2AuthorizedClient client = this.clients
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(this.registrationId)
				.principal(user)
				.attribute(HttpServletRequest.class.getName(), current.getRequest())
				.attribute(HttpServletResponse.class.getName(), current.getResponse())
				.build());
		if (client == null) {
			throw new ClientAuthorizationRequiredException(this.registrationId);
		}
		return client.getAccessToken().getTokenValue();
	}

}
