package dev.portico.auth.config;

import java.util.concurrent.Executor;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class AuthConfiguration {

	/**
	 * Where forgot-password lookups and mails run after the request has been answered:
	 * virtual threads, capped so that a flood of requests cannot open unbounded
	 * connections to Keycloak and the mail server.
	 */
	@Bean
	Executor resetMailExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("reset-mail-");
		executor.setVirtualThreads(true);
		executor.setConcurrencyLimit(16);
		return executor;
	}

}
