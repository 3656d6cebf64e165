package dev.portico.platform.security.reactive;

import java.time.Clock;
import java.util.List;

import dev.portico.platform.security.BearerTokens;
import dev.portico.platform.security.HeaderText;
import dev.portico.platform.security.PortalJwtConverter;
import dev.portico.platform.security.SecurityProperties;
import dev.portico.platform.security.TokenValidators;
import dev.portico.platform.security.VerifiedTokens;
import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.Problems;
import dev.portico.platform.web.reactive.ReactiveProblemResponses;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway's resource server: {@code /api/**} needs a valid token except the
 * configured public paths (login, refresh, password reset); everything else (the web app,
 * Swagger UI, health) is open here and protected, where needed, by the application behind
 * it.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(SecurityProperties.class)
public class ReactiveSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder reactiveJwtDecoder(SecurityProperties properties) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.jwksTimeout().toMillis())
			.responseTimeout(properties.jwksTimeout());
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
			.withJwkSetUri(properties.effectiveJwkSetUri().toString())
			.webClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build())
			.build();
		decoder.setJwtValidator(TokenValidators.of(properties));
		return (properties.verifiedTokenCacheSize() > 0)
				? new VerifiedTokens(properties.verifiedTokenCacheSize(), Clock.systemUTC()).caching(decoder) : decoder;
	}

	/**
	 * The strict firewall as Spring Security sets it up, with its header checks as loops
	 * (see {@link HeaderText}).
	 */
	@Bean
	@ConditionalOnMissingBean
	ServerWebExchangeFirewall porticoServerWebExchangeFirewall() {
		StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
		firewall.setAllowedHeaderNames(HeaderText.NAMES);
		firewall.setAllowedHeaderValues(HeaderText.VALUES);
		return firewall;
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityWebFilterChain porticoSecurityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			SecurityProperties properties, ReactiveProblemResponses responses,
			ObjectProvider<CorsConfigurationSource> cors) {
		List<String> publicPaths = properties.publicPaths();
		// Browsers on the configured web origins; a preflight must pass before
		// authentication.
		cors.ifAvailable((source) -> http.cors((spec) -> spec.configurationSource(source)));
		http.headers((headers) -> headers
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(publicPaths.toArray(String[]::new))
				.permitAll()
				.pathMatchers("/api/**")
				.authenticated()
				.anyExchange()
				.permitAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				// The header only, as Spring Security's converter reads it by default (no
				// access_token parameter).
				.bearerTokenConverter((exchange) -> Mono
					.fromCallable(() -> BearerTokens
						.resolve(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
					.map(BearerTokenAuthenticationToken::new))
				.jwt((jwt) -> jwt.jwtDecoder(decoder)
					.jwtAuthenticationConverter(
							new ReactiveJwtAuthenticationConverterAdapter(new PortalJwtConverter())))
				.authenticationEntryPoint((exchange, ex) -> {
					exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
					return responses.write(exchange, Problems.of(ProblemType.UNAUTHENTICATED,
							"A valid access token is required.", exchange.getRequest().getPath().value()));
				})
				.accessDeniedHandler((exchange, ex) -> responses.write(exchange, Problems.of(ProblemType.FORBIDDEN,
						"You may not use this resource.", exchange.getRequest().getPath().value()))));
		return http.build();
	}

}
