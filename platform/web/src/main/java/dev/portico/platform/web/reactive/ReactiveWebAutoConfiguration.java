package dev.portico.platform.web.reactive;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.portico.platform.web.BodySizeLimits;
import dev.portico.platform.web.WebProperties;

/** Problem handling and request ids for the reactive applications (the gateway). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(WebProperties.class)
public class ReactiveWebAutoConfiguration {

	@Bean
	RequestIdWebFilter requestIdWebFilter() {
		return new RequestIdWebFilter();
	}

	@Bean
	BodySizeLimitWebFilter bodySizeLimitWebFilter(WebProperties properties, ReactiveProblemResponses responses) {
		return new BodySizeLimitWebFilter(BodySizeLimits.of(properties), responses);
	}

	@Bean
	ReactiveProblemResponses reactiveProblemResponses(JsonMapper jsonMapper) {
		return new ReactiveProblemResponses(jsonMapper);
	}

	@Bean
	ProblemWebExceptionHandler problemWebExceptionHandler(ReactiveProblemResponses responses) {
		return new ProblemWebExceptionHandler(responses);
	}

}
