package dev.portico.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Adds the suite's shared defaults ({@code META-INF/portico/defaults-*.yml} of the
 * platform jars) below every other property source, so each service's own
 * {@code application.yml} holds only what is its own and any setting can still be
 * overridden by the environment.
 */
public class PorticoDefaults implements EnvironmentPostProcessor {

	private static final String PATTERN = "classpath*:META-INF/portico/defaults-*.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources(PATTERN);
			Arrays.sort(resources, Comparator.comparing(Resource::getDescription));
			YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
			for (Resource resource : resources) {
				for (PropertySource<?> source : loader.load("portico-" + resource.getFilename(), resource)) {
					environment.getPropertySources().addLast(source);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the Portico defaults", ex);
		}
	}

}
