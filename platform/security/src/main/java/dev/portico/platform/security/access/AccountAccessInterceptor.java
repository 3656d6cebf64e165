package dev.portico.platform.security.access;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import dev.portico.platform.security.AccountAccess;
import dev.portico.platform.security.AccountNotFound;
import dev.portico.platform.security.PortalAuthentication;

/**
 * The one place that guards every {@code /api/accounts/{accountId}/**} endpoint of a
 * service: the caller must be allowed on the account in the path, or the answer is the
 * same {@code 404} as for an account that does not exist. It runs before arguments are
 * bound, so authorization comes before validation of the body or parameters.
 */
public class AccountAccessInterceptor implements HandlerInterceptor {

	/** Every handler whose pattern starts with this is account-scoped. */
	public static final String ACCOUNT_SCOPED_PREFIX = "/api/accounts/{accountId}";

	private final AccountAccess access;

	public AccountAccessInterceptor(AccountAccess access) {
		this.access = access;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod) || !isAccountScoped(request)) {
			return true;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof PortalAuthentication portal)) {
			// Only reachable if an account endpoint was made public by mistake: fail
			// closed.
			throw new AccountNotFound();
		}
		UUID accountId = accountId(request);
		if (accountId == null || !this.access.mayAccess(portal.getPrincipal(), accountId)) {
			throw new AccountNotFound();
		}
		return true;
	}

	static boolean isAccountScoped(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return isAccountScoped(String.valueOf(pattern));
	}

	public static boolean isAccountScoped(String pattern) {
		return pattern.equals(ACCOUNT_SCOPED_PREFIX) || pattern.startsWith(ACCOUNT_SCOPED_PREFIX + "/");
	}

	private static UUID accountId(HttpServletRequest request) {
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String raw = (variables != null) ? variables.get("accountId") : null;
		if (raw == null || raw.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(raw);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
