package dev.portico.web.config;

import java.io.IOException;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Keycloak's application-initiated actions: the portal sends a signed-in user to Keycloak
 * with {@code kc_action} (e.g. to set up an authenticator app), Keycloak shows its page
 * and returns through the usual code flow, and the user lands back on the portal page
 * that sent them. The secret of the authenticator never passes the portal.
 */
public final class KeycloakActions {

	/** The actions a portal page may ask for. */
	public static final String CONFIGURE_TOTP = "CONFIGURE_TOTP";

	private static final Set<String> ALLOWED = Set.of(CONFIGURE_TOTP);

	private static final String PARAMETER = "kc_action";

	private static final String RETURN_TO = KeycloakActions.class.getName() + ".returnTo";

	private KeycloakActions() {
	}

	/**
	 * Where to send the browser to start the action, returning to {@code returnTo} (a
	 * path of the portal).
	 */
	public static String start(HttpSession session, String action, String returnTo) {
		if (!ALLOWED.contains(action) || !returnTo.startsWith("/") || returnTo.startsWith("//")) {
			throw new IllegalArgumentException("Not an action of the portal: " + action);
		}
		session.setAttribute(RETURN_TO, returnTo);
		return "/oauth2/authorization/" + SecurityConfiguration.REGISTRATION + "?" + PARAMETER + "=" + action;
	}

	/**
	 * Passes an allowed {@code kc_action} of the request on to Keycloak's authorization
	 * request.
	 */
	static Consumer<OAuth2AuthorizationRequest.Builder> fromCurrentRequest() {
		return (builder) -> {
			if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
				String action = attributes.getRequest().getParameter(PARAMETER);
				if (action != null && ALLOWED.contains(action)) {
					builder.additionalParameters((parameters) -> parameters.put(PARAMETER, action));
				}
			}
		};
	}

	/**
	 * After the code flow, back to the page that started an action; otherwise to the page
	 * first asked for.
	 */
	static final class ReturnAfterAction extends SavedRequestAwareAuthenticationSuccessHandler {

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
				Authentication authentication) throws ServletException, IOException {
			HttpSession session = request.getSession(false);
			Object returnTo = (session != null) ? session.getAttribute(RETURN_TO) : null;
			if (returnTo instanceof String path) {
				session.removeAttribute(RETURN_TO);
				clearAuthenticationAttributes(request);
				getRedirectStrategy().sendRedirect(request, response, path);
				return;
			}
			super.onAuthenticationSuccess(request, response, authentication);
		}

	}

}
