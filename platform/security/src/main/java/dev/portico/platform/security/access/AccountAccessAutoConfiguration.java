package dev.portico.platform.security.access;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.portico.platform.security.AccountAccess;
import dev.portico.platform.security.ClientCredentialsTokens;
import dev.portico.platform.security.SecurityProperties;
import dev.portico.platform.security.ServiceTokens;
import dev.portico.platform.security.DependencyBreakers;

/**
 * Guards the account-scoped and the ops-only endpoints of every servlet service.
 * account-service answers access questions from its own tables by declaring its own
 * {@link AccountAccess}; every other service asks account-service, cached.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ AccountAccessProperties.class, SecurityProperties.class })
public class AccountAccessAutoConfiguration {

	/** This service's own identity towards the others' internal endpoints. */
	@Bean
	@ConditionalOnMissingBean
	ServiceTokens serviceTokens(SecurityProperties security) {
		return new ClientCredentialsTokens(security.effectiveServiceTokenUri(), security.serviceClient().id(),
				security.serviceClient().secret(), security.jwksTimeout(), Clock.systemUTC());
	}

	/**
	 * The client of account-service's internal endpoints, for the access check and
	 * whatever else a service asks.
	 */
	@Bean
	@ConditionalOnMissingBean
	AccountServiceClient accountServiceClient(ObjectProvider<RestClient.Builder> builder,
			AccountAccessProperties properties, ObjectProvider<MeterRegistry> meters, ServiceTokens serviceTokens) {
		CircuitBreaker breaker = DependencyBreakers.of("account-service", properties.openCircuitWait(),
				meters.getIfAvailable(), (config) -> config.ignoreExceptions(HttpClientErrorException.class));
		return new AccountServiceClient(builder.getIfAvailable(RestClient::builder), properties, breaker,
				serviceTokens);
	}

	/**
	 * Where accounts sit and which portal features they have, asked of account-service
	 * and cached briefly.
	 */
	@Bean
	@ConditionalOnMissingBean
	AccountLineages remoteAccountLineages(AccountServiceClient accountService, AccountAccessProperties properties) {
		return new RemoteAccountLineages(accountService, properties);
	}

	@Bean
	@ConditionalOnMissingBean(AccountAccess.class)
	AccountAccess remoteAccountAccess(AccountLineages lineages) {
		return new LineageAccountAccess(lineages);
	}

	@Bean
	WebMvcConfigurer accountAccessInterceptorConfigurer(AccountAccess access) {
		AccountAccessInterceptor interceptor = new AccountAccessInterceptor(access);
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				// Role first: an ops-only route answers every customer 403, whichever
				// account it names.
				registry.addInterceptor(new OpsOnlyInterceptor()).addPathPatterns("/api/**", "/internal/**");
				registry.addInterceptor(interceptor).addPathPatterns("/api/accounts/*", "/api/accounts/*/**");
			}
		};
	}

}
