package dev.portico.platform.service;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Every service documents itself the same way: its name, the bearer scheme, and the API's
 * version.
 */
@AutoConfiguration
public class OpenApiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OpenAPI porticoOpenApi(@Value("${spring.application.name}") String name,
			@Value("${portico.api.version:0.1.0}") String version) {
		return new OpenAPI()
			.info(new Info().title("Portico " + name)
				.version(version)
				.description("Part of the Portico customer portal API; see the gateway's Swagger UI for all of it."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
