package dev.portico.payment.processor.stripe;

import com.stripe.StripeClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stripe as the processor, with {@code portico.payments.processor=stripe}; startup fails
 * without its keys.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portico.payments.processor", havingValue = "stripe")
@EnableConfigurationProperties(StripeProperties.class)
class StripeConfiguration {

	@Bean
	StripeClient stripeClient(StripeProperties properties) {
		properties.check();
		return StripeClient.builder()
			.setApiKey(properties.secretKey())
			.setApiBase(properties.apiBase())
			.setConnectTimeout((int) properties.connectTimeout().toMillis())
			.setReadTimeout((int) properties.readTimeout().toMillis())
			// One quick retry of a dropped connection, under the same idempotency key;
			// the reconciler does the rest.
			.setMaxNetworkRetries(1)
			.build();
	}

	@Bean
	StripeProcessor stripeProcessor(StripeClient stripe, JdbcClient jdbc) {
		return new StripeProcessor(stripe, new StripeCustomers.Table(jdbc));
	}

}
