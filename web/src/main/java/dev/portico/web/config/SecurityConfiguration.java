package dev.portico.web.config;

import java.util.Map;

import dev.portico.platform.web.servlet.RequestIdFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Login with Keycloak (authorization code + PKCE, as a confidential client), the tokens
 * kept in the server-side session, CSRF on every form, and a logout that ends the
 * Keycloak session too. The browser holds nothing but the {@code HttpOnly},
 * {@code SameSite=Lax} session cookie.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String REGISTRATION = "portico";

	/**
	 * Built here rather than from the issuer's discovery document, so the web app starts
	 * while Keycloak is still starting; the endpoints are Keycloak's fixed ones under the
	 * realm.
	 */
	@Bean
	ClientRegistrationRepository clientRegistrations(PortalProperties properties) {
		// The browser is sent to the issuer's address; the web app's own calls may take
		// an in-cluster one.
		String oidc = properties.issuerUri() + "/protocol/openid-connect";
		String backChannel = properties.backChannelRealmUri() + "/protocol/openid-connect";
		ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
			.clientName("Portico")
			.clientId(properties.clientId())
			.clientSecret(properties.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("openid", "profile", "email")
			.issuerUri(properties.issuerUri())
			.authorizationUri(oidc + "/auth")
			.tokenUri(backChannel + "/token")
			.jwkSetUri(backChannel + "/certs")
			.userInfoUri(backChannel + "/userinfo")
			.userNameAttributeName("preferred_username")
			.providerConfigurationMetadata(Map.of("end_session_endpoint", oidc + "/logout"))
			.build();
		return new InMemoryClientRegistrationRepository(registration);
	}

	/** The user's tokens live in their HTTP session, nowhere else. */
	@Bean
	OAuth2AuthorizedClientRepository authorizedClients() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	/**
	 * Hands out the user's access token for API calls, refreshing it when it has expired.
	 */
	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) {
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
				authorizedClients);
		manager.setAuthorizedClientProvider(
				OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
		return manager;
	}

	@Bean
	SecurityFilterChain webSecurity(HttpSecurity http, ClientRegistrationRepository registrations,
			PortalProperties properties) throws Exception {
		DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, "/oauth2/authorization");
		// PKCE for a confidential client too: a stolen code is useless without the
		// verifier.
		authorizationRequests.setAuthorizationRequestCustomizer(
				OAuth2AuthorizationRequestCustomizers.withPkce().andThen(KeycloakActions.fromCurrentRequest()));
		OidcClientInitiatedLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedLogoutSuccessHandler(
				registrations);
		logoutSuccess.setPostLogoutRedirectUri("{baseUrl}/");
		// Back to the page first asked for after login, without Spring Security's
		// "?continue" on its address.
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setMatchingRequestParameterName(null);
		KeycloakActions.ReturnAfterAction loginSuccess = new KeycloakActions.ReturnAfterAction();
		loginSuccess.setRequestCache(requestCache);
		http.requestCache((cache) -> cache.requestCache(requestCache))
			.authorizeHttpRequests((requests) -> requests
				// A live stream's async dispatch (after the request itself was
				// authorized) may find the session ended.
				.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/assets/**", "/error", "/forgot-password", "/reset-password", "/actuator/health",
						"/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2Login((login) -> login.loginPage("/oauth2/authorization/" + REGISTRATION)
				.successHandler(loginSuccess)
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(authorizationRequests)))
			.logout((logout) -> logout.logoutSuccessHandler(logoutSuccess))
			.headers((headers) -> headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				// Only the gateway's origin serves the pages, scripts and styles; forms
				// post there, and logging out redirects to Keycloak, which Chromium
				// checks against form-action as well.
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' "
						+ properties.issuerOrigin() + cardProcessorPolicy(properties))));
		return http.build();
	}

	/**
	 * Stripe's card element and 3-D Secure challenge run from Stripe's own script and
	 * frames, and talk to Stripe's API from the browser; the simulator's card form is
	 * ours, so needs nothing beyond {@code 'self'}.
	 */
	private static String cardProcessorPolicy(PortalProperties properties) {
		if (!properties.stripe()) {
			return "";
		}
		return "; script-src 'self' " + PortalProperties.STRIPE_JS + "; frame-src " + PortalProperties.STRIPE_JS
				+ " https://hooks.stripe.com; connect-src 'self' https://api.stripe.com";
	}

	/**
	 * Every request gets an id, passed on to the API calls it makes, so logs across the
	 * suite line up.
	 */
	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
