package dev.portico.platform.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.config.observation.SecurityObservationSettings;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityObservationsAutoConfigurationTest {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityObservationsAutoConfiguration.class));

	@Test
	void springSecurityObservesNothing() {
		this.contexts.run((context) -> {
			SecurityObservationSettings settings = context.getBean(SecurityObservationSettings.class);
			assertThat(settings.shouldObserveRequests()).isFalse();
			assertThat(settings.shouldObserveAuthentications()).isFalse();
			assertThat(settings.shouldObserveAuthorizations()).isFalse();
		});
	}

	@Test
	void anApplicationsOwnSettingsWin() {
		this.contexts
			.withBean(SecurityObservationSettings.class,
					() -> SecurityObservationSettings.withDefaults().shouldObserveRequests(true).build())
			.run((context) -> assertThat(context.getBean(SecurityObservationSettings.class).shouldObserveRequests())
				.isTrue());
	}

}
