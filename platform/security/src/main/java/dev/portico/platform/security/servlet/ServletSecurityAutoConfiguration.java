package dev.portico.platform.security.servlet;

import java.time.Clock;

import dev.portico.platform.security.BearerTokens;
import dev.portico.platform.security.HeaderText;
import dev.portico.platform.security.PortalJwtConverter;
import dev.portico.platform.security.SecurityProperties;
import dev.portico.platform.security.ServiceTokens;
import dev.portico.platform.security.TokenValidators;
import dev.portico.platform.security.VerifiedTokens;
import dev.portico.platform.web.ProblemType;
import dev.portico.platform.web.Problems;
import dev.portico.platform.web.servlet.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.client.RestTemplate;

/**
 * Every servlet service is a stateless OAuth2 resource server of realm {@code portal}: a
 * valid token is needed everywhere but health, metrics, API docs and the configured
 * public paths, and {@code /internal/**} takes only the tokens of other services (realm
 * role {@code service}); 401 and 403 are problems too.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class ServletSecurityAutoConfiguration {

	static final String[] ALWAYS_OPEN = { "/actuator/health", "/actuator/health/**", "/actuator/info",
			"/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error" };

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(SecurityProperties properties) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(properties.jwksTimeout());
		requests.setReadTimeout(properties.jwksTimeout());
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.effectiveJwkSetUri().toString())
			.restOperations(new RestTemplate(requests))
			.build();
		decoder.setJwtValidator(TokenValidators.of(properties));
		return (properties.verifiedTokenCacheSize() > 0)
				? new VerifiedTokens(properties.verifiedTokenCacheSize(), Clock.systemUTC()).caching(decoder) : decoder;
	}

	/**
	 * Publishes authentication failures as Spring Security does, and no successes: every
	 * request with a bearer token is one, nothing listens for them, and each went through
	 * Spring Modulith's event multicaster (2 % of account-service's CPU per request).
	 */
	@Bean
	@ConditionalOnMissingBean
	AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
		DefaultAuthenticationEventPublisher failures = new DefaultAuthenticationEventPublisher(events);
		return new AuthenticationEventPublisher() {

			@Override
			public void publishAuthenticationSuccess(Authentication authentication) {
			}

			@Override
			public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
				failures.publishAuthenticationFailure(exception, authentication);
			}

		};
	}

	/**
	 * The strict firewall as Spring Security sets it up, with its header checks as loops
	 * (see {@link HeaderText}).
	 */
	@Bean
	@ConditionalOnMissingBean
	HttpFirewall porticoHttpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderText.NAMES);
		firewall.setAllowedHeaderValues(HeaderText.VALUES);
		return firewall;
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityFilterChain porticoSecurityFilterChain(HttpSecurity http, JwtDecoder decoder, SecurityProperties properties,
			ProblemResponses responses) throws Exception {
		AuthenticationEntryPoint unauthenticated = problemEntryPoint(responses);
		AccessDeniedHandler denied = (request, response, ex) -> responses.write(response,
				Problems.of(ProblemType.FORBIDDEN, "You may not use this resource.", request.getRequestURI()));
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(ALWAYS_OPEN)
				.permitAll()
				.requestMatchers(properties.publicPaths().toArray(String[]::new))
				.permitAll()
				// Other services only, with their own tokens: a customer's or an
				// operator's token is refused here.
				.requestMatchers("/internal/**")
				.hasRole(ServiceTokens.ROLE)
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.bearerTokenResolver((request) -> BearerTokens.resolve(request.getHeader(HttpHeaders.AUTHORIZATION)))
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(new PortalJwtConverter()))
				.authenticationEntryPoint(unauthenticated)
				.accessDeniedHandler(denied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied));
		return http.build();
	}

	private static AuthenticationEntryPoint problemEntryPoint(ProblemResponses responses) {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) -> {
			// Sets the status and the WWW-Authenticate challenge RFC 6750 asks for; the
			// body is ours.
			bearer.commence(request, response, ex);
			responses.write(response, Problems.of(ProblemType.UNAUTHENTICATED, "A valid access token is required.",
					request.getRequestURI()));
		};
	}

}
