package dev.portico.auth.users;

import dev.portico.platform.security.PortalAuthentication;
import dev.portico.platform.web.PortalException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Keeps user provisioning to {@code ops}. An interceptor rather than a check in the controller, because it runs
 * before the body is read and validated: a customer gets {@code 403} whatever it sends (authorization comes before
 * validation).
 */
@Configuration(proxyBeanMethods = false)
class OpsOnly implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				if (SecurityContextHolder.getContext().getAuthentication() instanceof PortalAuthentication caller
						&& caller.getPrincipal().isOps()) {
					return true;
				}
				throw new NotOps();
			}

		}).addPathPatterns("/api/auth/users", "/api/auth/users/**");
	}

	static final class NotOps extends PortalException {

		NotOps() {
			super(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", "Only operations staff may manage portal users.");
		}

	}

}
