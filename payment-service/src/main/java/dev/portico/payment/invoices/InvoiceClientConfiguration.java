package dev.portico.payment.invoices;

import dev.portico.platform.security.ServiceTokens;
import feign.RequestInterceptor;

import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * payment-service's own token goes along: invoice-service's internal endpoints answer
 * services only. Not a {@code @Configuration}: Feign's own context.
 */
class InvoiceClientConfiguration {

	@Bean
	RequestInterceptor serviceToken(ServiceTokens serviceTokens) {
		return (template) -> {
			HttpHeaders headers = new HttpHeaders();
			serviceTokens.authorize(headers);
			headers.forEach((name, values) -> template.header(name, values));
		};
	}

}
