package dev.portico.web.api;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.portico.web.config.PortalProperties;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * One HTTP interface client per API area, all through the gateway with the user's token;
 * the few calls of visitors who are not signed in go without one.
 */
@Configuration(proxyBeanMethods = false)
class ApiClients {

	static final String REGISTRATION = "portico";

	@Bean
	UserToken userToken(OAuth2AuthorizedClientManager clients) {
		return new UserToken(clients, REGISTRATION);
	}

	@Bean
	HttpServiceProxyFactory apiProxies(PortalProperties properties, UserToken userToken, JsonMapper json,
			RestClient.Builder builder) {
		RestClient rest = api(properties, json, builder).requestInterceptor(userToken).build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build();
	}

	@Bean
	PasswordResetApi passwordResetApi(PortalProperties properties, JsonMapper json, RestClient.Builder builder) {
		RestClient rest = api(properties, json, builder).requestInterceptor(new VisitorAddress()).build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest))
			.build()
			.createClient(PasswordResetApi.class);
	}

	/**
	 * Boot's builder: each call is observed (http.client.requests) and carries the page's
	 * trace context.
	 */
	private static RestClient.Builder api(PortalProperties properties, JsonMapper json, RestClient.Builder builder) {
		// A tolerant reader: the API may add fields (compatibly) before the web app knows
		// them.
		JsonMapper reader = json.rebuild()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build();
		return builder.clone()
			.baseUrl(properties.apiUrl().toString())
			.configureMessageConverters((converters) -> converters.registerDefaults()
				.withJsonConverter(new JacksonJsonHttpMessageConverter(reader)))
			.requestFactory(requestFactory())
			.requestInterceptor(new RequestIdHeader());
	}

	/**
	 * A page waits for the API at most this long; the gateway's own limits are longer (10
	 * s).
	 */
	private static JdkClientHttpRequestFactory requestFactory() {
		// HTTP/1.1 with kept-alive connections: the gateway speaks no cleartext HTTP/2,
		// so the JDK's h2c upgrade offer on every new connection is wasted.
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build());
		factory.setReadTimeout(Duration.ofSeconds(8));
		return factory;
	}

	@Bean
	AccountsApi accountsApi(HttpServiceProxyFactory proxies) {
		return proxies.createClient(AccountsApi.class);
	}

	@Bean
	PaymentsApi paymentsApi(HttpServiceProxyFactory proxies) {
		return proxies.createClient(PaymentsApi.class);
	}

	@Bean
	AuthApi authApi(HttpServiceProxyFactory proxies) {
		return proxies.createClient(AuthApi.class);
	}

	@Bean
	UsageApi usageApi(HttpServiceProxyFactory proxies) {
		return proxies.createClient(UsageApi.class);
	}

	@Bean
	InvoicesApi invoicesApi(HttpServiceProxyFactory proxies) {
		return proxies.createClient(InvoicesApi.class);
	}

}
