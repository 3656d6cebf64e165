package dev.portico.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes nothing: no span or timer per security filter, authentication
 * or authorization. The request's own observation ({@code http.server.requests}) stays.
 * Turning the observations off by name ({@code management.observations.enable}) still
 * wrapped every filter of the chain in a no-op observation on every request, which showed
 * in the gateway's profile; with these settings the chain is not decorated at all.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
public class SecurityObservationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SecurityObservationSettings porticoSecurityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

}
