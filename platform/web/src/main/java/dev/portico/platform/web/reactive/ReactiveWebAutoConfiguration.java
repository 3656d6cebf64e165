package dev.portico.platform.web.reactive;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** Problem handling and request ids for the reactive applications (the gateway). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ReactiveWebAutoConfiguration {

	@Bean
	RequestIdWebFilter requestIdWebFilter() {
		return new RequestIdWebFilter();
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
