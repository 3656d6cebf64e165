package dev.portico.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Reads {@link WithPostgres}, {@link WithKafka} and {@link WithSmtp} on a test class and
 * points its context at the real servers, with the highest precedence so that no
 * {@code application.yml} default can win.
 */
public class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		boolean postgres = TestContextAnnotationUtils.hasAnnotation(testClass, WithPostgres.class);
		boolean kafka = TestContextAnnotationUtils.hasAnnotation(testClass, WithKafka.class);
		boolean smtp = TestContextAnnotationUtils.hasAnnotation(testClass, WithSmtp.class);
		if (!postgres && !kafka && !smtp) {
			return null;
		}
		return new Customizer(testClass, postgres, kafka, smtp);
	}

	/**
	 * Equal only to itself: every class gets its own database, so contexts are never
	 * shared.
	 */
	private record Customizer(Class<?> testClass, boolean postgres, boolean kafka,
			boolean smtp) implements ContextCustomizer {

		@Override
		public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
				org.springframework.test.context.MergedContextConfiguration mergedConfig) {
			Map<String, Object> properties = new LinkedHashMap<>();
			if (this.postgres) {
				properties.put("spring.datasource.url", TestPostgres.createDatabase());
				properties.put("spring.datasource.username", "postgres");
				properties.put("spring.datasource.password", "postgres");
			}
			if (this.kafka) {
				properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
			}
			if (this.smtp) {
				properties.put("spring.mail.host", "127.0.0.1");
				properties.put("spring.mail.port", TestSmtp.port());
				properties.put("portico.mail.host", "127.0.0.1");
				properties.put("portico.mail.port", TestSmtp.port());
			}
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("portico-test-infrastructure", properties));
		}

	}

}
