package dev.portico.deploy.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules docker-compose.yml keeps, as a list of problems (empty when it keeps them
 * all), so that a test can also feed it broken files and see each rule fail.
 */
final class ComposeChecks {

	/**
	 * A name in .env.example: set ({@code NAME=}) or shown commented out for an optional
	 * one ({@code # NAME=}).
	 */
	private static final Pattern ENV_EXAMPLE_NAME = Pattern.compile("(?m)^\\s*#?\\s*([A-Za-z_][A-Za-z0-9_]*)=");

	/** ${NAME}, ${NAME:-default}, ${NAME:?error} or $NAME; $$ is a literal dollar. */
	private static final Pattern VARIABLE = Pattern
		.compile("(?<!\\$)\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))");

	/**
	 * A secret is a reference to the environment without a default, so no value lives in
	 * the file.
	 */
	private static final Pattern SECRET_REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*)?}");

	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET).*");

	private final Path projectDir;

	private final List<String> ourServices;

	ComposeChecks(Path projectDir, List<String> ourServices) {
		this.projectDir = projectDir;
		this.ourServices = ourServices;
	}

	List<String> check(String composeYaml, String envExample) {
		List<String> problems = new ArrayList<>();
		ComposeFile compose = ComposeFile.parse(composeYaml);
		Map<String, Map<String, Object>> services = compose.services();
		Set<String> namedVolumes = ComposeFile.map(compose.root().get("volumes"), "volumes").keySet();
		services.forEach((name, service) -> {
			healthcheck(name, service, problems);
			dependencies(name, service, services.keySet(), problems);
			secrets(name, service, problems);
			mounts(name, service, namedVolumes, problems);
		});
		for (String name : this.ourServices) {
			image(name, services.get(name), problems);
		}
		variables(composeYaml, services, envExample, problems);
		return problems;
	}

	private static void healthcheck(String name, Map<String, Object> service, List<String> problems) {
		Map<String, Object> healthcheck = ComposeFile.map(service.get("healthcheck"), name + " healthcheck");
		Object test = healthcheck.get("test");
		boolean none = test == null || test.toString().isBlank() || List.of("NONE").equals(test);
		if (none || Boolean.TRUE.equals(healthcheck.get("disable"))) {
			problems.add(name + ": no healthcheck");
		}
	}

	private static void dependencies(String name, Map<String, Object> service, Set<String> services,
			List<String> problems) {
		Object dependsOn = service.get("depends_on");
		if (dependsOn instanceof List<?> list) {
			problems.add(name + ": depends_on " + list + " without condition service_healthy");
			return;
		}
		ComposeFile.map(dependsOn, name + " depends_on").forEach((dependency, how) -> {
			if (!services.contains(dependency)) {
				problems.add(name + ": depends on " + dependency + ", which is no service");
			}
			Object condition = ComposeFile.map(how, name + " depends_on " + dependency).get("condition");
			if (!"service_healthy".equals(condition)) {
				problems.add(name + ": depends on " + dependency + " with condition " + condition
						+ " instead of service_healthy");
			}
		});
	}

	private static void secrets(String name, Map<String, Object> service, List<String> problems) {
		ComposeFile.environment(service).forEach((variable, value) -> {
			if (SECRET_NAME.matcher(variable).matches() && value != null
					&& !SECRET_REFERENCE.matcher(value).matches()) {
				problems.add(name + ": " + variable + " holds a value instead of a ${...} reference without default");
			}
		});
	}

	private void mounts(String name, Map<String, Object> service, Set<String> namedVolumes, List<String> problems) {
		Object volumes = service.get("volumes");
		if (!(volumes instanceof List<?> list)) {
			return;
		}
		for (Object volume : list) {
			String source;
			boolean bind;
			if (volume instanceof Map<?, ?> longForm) {
				source = String.valueOf(longForm.get("source"));
				bind = "bind".equals(longForm.get("type"));
			}
			else {
				source = String.valueOf(volume).split(":", 2)[0];
				bind = source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
			}
			if (!bind) {
				if (!namedVolumes.contains(source)) {
					problems.add(name + ": volume " + source + " is not declared under volumes");
				}
			}
			else if (!source.startsWith(".")) {
				problems.add(name + ": mounts " + source + " from outside the repository");
			}
			else if (!Files.exists(this.projectDir.resolve(source).normalize())) {
				problems.add(name + ": mounts " + source + ", which does not exist in the repository");
			}
		}
	}

	private static void image(String name, Map<String, Object> service, List<String> problems) {
		if (service == null) {
			problems.add(name + ": missing");
			return;
		}
		// The name Jib gives the image; the tag follows the project version unless
		// PORTICO_VERSION says otherwise.
		String expected = "portico/" + Pattern.quote(name) + ":\\$\\{PORTICO_VERSION(:-[A-Za-z0-9._-]+)?}";
		Object image = service.get("image");
		if (image == null || !String.valueOf(image).matches(expected)) {
			problems.add(name + ": image " + image + " is not portico/" + name + ":${PORTICO_VERSION...}");
		}
	}

	private static void variables(String composeYaml, Map<String, Map<String, Object>> services, String envExample,
			List<String> problems) {
		Set<String> listed = new LinkedHashSet<>();
		Matcher names = ENV_EXAMPLE_NAME.matcher(envExample);
		while (names.find()) {
			listed.add(names.group(1));
		}
		Set<String> used = new LinkedHashSet<>();
		Matcher references = VARIABLE.matcher(composeYaml);
		while (references.find()) {
			used.add(references.group(1) != null ? references.group(1) : references.group(2));
		}
		// A variable without value is passed through from .env or the shell: it is a
		// setting too.
		services.values().forEach((service) -> ComposeFile.environment(service).forEach((variable, value) -> {
			if (value == null) {
				used.add(variable);
			}
		}));
		used.removeAll(listed);
		used.forEach((variable) -> problems.add(variable + ": used by docker-compose.yml, not listed in .env.example"));
	}

}
