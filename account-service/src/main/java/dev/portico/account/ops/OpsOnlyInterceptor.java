package dev.portico.account.ops;

import dev.portico.platform.security.PortalAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link OpsOnly}. An interceptor rather than {@code @PreAuthorize}: method security runs only once the
 * arguments are bound and validated, so a customer would learn about validation rules (422) before being told the
 * endpoint is not theirs (403). Interceptors run before binding.
 */
class OpsOnlyInterceptor implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(OpsOnly.class)) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (!(authentication instanceof PortalAuthentication portal) || !portal.getPrincipal().isOps()) {
				throw new OpsRoleRequired();
			}
		}
		return true;
	}

}
