package dev.portico.payment.feature;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Enforces {@link RequiresFeature} for the account named by the handler's
 * {@code {accountId}}.
 */
class FeatureInterceptor implements HandlerInterceptor {

	private final PortalFeatures features;

	FeatureInterceptor(PortalFeatures features) {
		this.features = features;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		RequiresFeature required = required(method);
		if (required != null) {
			this.features.require(accountId(request), required.value());
		}
		return true;
	}

	private static RequiresFeature required(HandlerMethod method) {
		RequiresFeature onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(),
				RequiresFeature.class);
		return (onMethod != null) ? onMethod
				: AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresFeature.class);
	}

	private static UUID accountId(HttpServletRequest request) {
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String raw = (variables != null) ? variables.get("accountId") : null;
		if (raw == null) {
			throw new IllegalStateException("@RequiresFeature needs an {accountId} in the handler's path");
		}
		// The platform's access check ran first and has already refused anything that is
		// not a UUID.
		return UUID.fromString(raw);
	}

}
