package dev.portico.usage.config;

import dev.portico.usage.period.BillingPeriods;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsageProperties.class)
class UsageConfiguration {

	@Bean
	BillingPeriods billingPeriods(UsageProperties properties) {
		return new BillingPeriods(properties.timeZone());
	}

}
