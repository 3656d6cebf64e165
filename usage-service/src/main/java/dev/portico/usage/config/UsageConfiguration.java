package dev.portico.usage.config;

import java.time.Clock;

import dev.portico.usage.period.BillingPeriods;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsageProperties.class)
class UsageConfiguration {

	/** Time is injected so that tests can fix it. */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	BillingPeriods billingPeriods(UsageProperties properties) {
		return new BillingPeriods(properties.timeZone());
	}

}
