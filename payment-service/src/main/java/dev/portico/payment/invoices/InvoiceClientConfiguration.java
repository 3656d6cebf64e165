package dev.portico.payment.invoices;

import dev.portico.platform.security.TokenRelay;
import feign.RequestInterceptor;

import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/** The customer's own token goes along, so invoice-service sees who asks. Not a @Configuration: Feign's own context. */
class InvoiceClientConfiguration {

	@Bean
	RequestInterceptor relayCallerToken() {
		return (template) -> {
			HttpHeaders headers = new HttpHeaders();
			TokenRelay.relayCallerToken(headers);
			headers.forEach((name, values) -> template.header(name, values));
		};
	}

}
