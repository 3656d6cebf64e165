package dev.portico.platform.security.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.portico.platform.security.OpsOnly;
import dev.portico.platform.security.PortalAuthentication;
import dev.portico.platform.web.PortalException;

/**
 * Enforces {@link OpsOnly}. An interceptor rather than {@code @PreAuthorize}: method
 * security runs only once the arguments are bound and validated, so a customer would
 * learn about validation rules ({@code 422}) before being told the endpoint is not theirs
 * ({@code 403}). Interceptors run before binding.
 */
public class OpsOnlyInterceptor implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method && (method.hasMethodAnnotation(OpsOnly.class)
				|| method.getBeanType().isAnnotationPresent(OpsOnly.class))) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (!(authentication instanceof PortalAuthentication portal) || !portal.getPrincipal().isOps()) {
				throw new OpsRoleRequired();
			}
		}
		return true;
	}

	/** The caller is not staff. */
	static final class OpsRoleRequired extends PortalException {

		OpsRoleRequired() {
			super(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", "Only operations staff may use this resource.");
		}

	}

}
