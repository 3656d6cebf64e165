package dev.portico.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The event records on the class path (under {@code dev.portico.events}) and their wire
 * names.
 */
public final class EventTypes {

	private final Map<String, Class<?>> byName;

	private EventTypes(Map<String, Class<?>> byName) {
		this.byName = Map.copyOf(byName);
	}

	public static EventTypes scan(String basePackage) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(EventType.class));
		Map<String, Class<?>> byName = new LinkedHashMap<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(),
					EventTypes.class.getClassLoader());
			Class<?> previous = byName.put(type.getAnnotation(EventType.class).name(), type);
			if (previous != null) {
				throw new IllegalStateException("Event type name " + type.getAnnotation(EventType.class).name()
						+ " is used by both " + previous.getName() + " and " + type.getName());
			}
		}
		return new EventTypes(byName);
	}

	public static String topicOf(Object event) {
		EventType type = event.getClass().getAnnotation(EventType.class);
		if (type == null) {
			throw new IllegalArgumentException(event.getClass().getName() + " is not annotated with @EventType");
		}
		return type.topic();
	}

	/**
	 * The value of Spring Kafka's {@code spring.json.type.mapping} for both producers and
	 * consumers.
	 */
	public String typeMapping() {
		return this.byName.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ":" + entry.getValue().getName())
			.collect(Collectors.joining(","));
	}

	public Map<String, Class<?>> byName() {
		return this.byName;
	}

}
