package dev.portico.account.config;

import java.util.List;

import dev.portico.account.balance.SessionStatus;
import dev.portico.platform.security.SecurityProperties;
import dev.portico.platform.security.TokenIntrospection;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountsProperties.class)
class AccountsConfiguration {

	/** Keycloak says whether the session of a balance stream's token still holds. */
	@Bean
	SessionStatus sessionStatus(SecurityProperties security) {
		TokenIntrospection introspection = TokenIntrospection.of(security);
		String asker = security.serviceClient().id();
		return new SessionStatus() {

			@Override
			public boolean canTell(List<String> audience) {
				return audience != null && audience.contains(asker);
			}

			@Override
			public boolean ended(String accessToken) {
				return !introspection.isActive(accessToken);
			}

		};
	}

}
