package dev.portico.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Cross-origin browser access to the API for the configured web origins only; tokens
 * travel as headers.
 */
@Configuration(proxyBeanMethods = false)
class ApiCorsConfiguration {

	@Bean
	CorsConfigurationSource corsConfigurationSource(EdgeProperties properties) {
		CorsConfiguration api = new CorsConfiguration();
		api.setAllowedOriginPatterns(properties.corsAllowedOrigins());
		api.setAllowedMethods(List.of("GET", "POST", "PATCH", "PUT", "DELETE"));
		api.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
				"Idempotency-Key", "X-Request-Id", "traceparent", "tracestate"));
		api.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, HttpHeaders.CONTENT_DISPOSITION,
				"X-Request-Id"));
		// Bearer tokens, not cookies: no credentialed CORS.
		api.setAllowCredentials(false);
		api.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", api);
		return source;
	}

}
