package dev.portico.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Reads {@link WithKeycloak} and points the context at the JVM's {@link TestKeycloak}
 * with the highest precedence. Registered by the annotation itself, so no
 * {@code spring.factories} entry is needed.
 */
class KeycloakContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, WithKeycloak.class) ? new Customizer() : null;
	}

	/**
	 * Equal to every other: the server is the same for all classes, so it never splits
	 * the context cache. Realm, client id and secret are left to the application's
	 * defaults (the realm file's development values), so that a test may still override
	 * them.
	 */
	private record Customizer() implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("portico.security.issuer-uri", TestKeycloak.issuerUri().toString());
			properties.put("portico.auth.keycloak.base-url", TestKeycloak.baseUrl().toString());
			properties.put("spring.mail.host", "127.0.0.1");
			properties.put("spring.mail.port", TestSmtp.port());
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("portico-test-keycloak", properties));
		}

	}

}
