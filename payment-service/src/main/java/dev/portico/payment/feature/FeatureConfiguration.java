package dev.portico.payment.feature;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class FeatureConfiguration {

	/**
	 * After the platform's interceptors (order 0): who may see the account is answered
	 * before what it may use.
	 */
	static final int ORDER = 100;

	@Bean
	WebMvcConfigurer featureInterceptorConfigurer(PortalFeatures features) {
		FeatureInterceptor interceptor = new FeatureInterceptor(features);
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(interceptor).addPathPatterns("/api/accounts/*/**").order(ORDER);
			}
		};
	}

}
