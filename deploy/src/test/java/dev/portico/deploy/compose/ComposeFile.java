package dev.portico.deploy.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.portico.deploy.Repo;

/**
 * docker-compose.yml as the checks read it. SnakeYAML resolves anchors and merge keys as
 * docker-compose does, and is told to reject duplicate keys, which docker-compose would
 * silently let the last one win.
 */
public final class ComposeFile {

	/**
	 * Our Spring Boot applications: each lives in the folder of its name and Jib builds
	 * it as portico/<name>.
	 */
	public static final List<String> OUR_SERVICES = List.of("gateway", "auth-service", "account-service",
			"invoice-service", "payment-service", "usage-service", "web");

	private final Map<String, Object> root;

	private ComposeFile(Map<String, Object> root) {
		this.root = root;
	}

	public static ComposeFile load() {
		return parse(read(Repo.root().resolve("docker-compose.yml")));
	}

	static ComposeFile parse(String yaml) {
		return new ComposeFile(map(yaml(yaml), "the compose file"));
	}

	/** Strict YAML: duplicate keys fail, only plain types are built. */
	public static Object yaml(String text) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return new Yaml(new SafeConstructor(options)).load(text);
	}

	public static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The port an application listens on, from its own application.yml, so the files
	 * cannot drift from the code.
	 */
	public static int serverPort(String service) {
		Path config = Repo.root().resolve(service).resolve("src/main/resources/application.yml");
		Map<String, Object> server = map(map(yaml(read(config)), service).get("server"), service + " server");
		return ((Number) server.get("port")).intValue();
	}

	/**
	 * Where the service serves its actuator: its management port (a placeholder's
	 * default) or its server port.
	 */
	public static int managementPort(String service) {
		Path config = Repo.root().resolve(service).resolve("src/main/resources/application.yml");
		Object management = map(yaml(read(config)), service).get("management");
		Object server = (management instanceof Map<?, ?> m) ? m.get("server") : null;
		Object port = (server instanceof Map<?, ?> s) ? s.get("port") : null;
		if (port == null) {
			return serverPort(service);
		}
		java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}")
			.matcher(port.toString());
		return placeholder.matches() ? Integer.parseInt(placeholder.group(1)) : Integer.parseInt(port.toString());
	}

	Map<String, Object> root() {
		return this.root;
	}

	public Map<String, Map<String, Object>> services() {
		Map<String, Map<String, Object>> services = new LinkedHashMap<>();
		map(this.root.get("services"), "services").forEach((name, body) -> services.put(name, map(body, name)));
		return services;
	}

	public Map<String, Object> service(String name) {
		Map<String, Object> service = services().get(name);
		if (service == null) {
			throw new AssertionError("docker-compose.yml has no service " + name);
		}
		return service;
	}

	/**
	 * A service's environment in either of compose's forms; a variable without value
	 * (passed through) maps to null.
	 */
	public static Map<String, String> environment(Map<String, Object> service) {
		Map<String, String> environment = new LinkedHashMap<>();
		Object declared = service.get("environment");
		if (declared instanceof Map<?, ?> entries) {
			entries.forEach(
					(key, value) -> environment.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
		}
		else if (declared instanceof List<?> entries) {
			for (Object entry : entries) {
				String text = String.valueOf(entry);
				int equals = text.indexOf('=');
				environment.put(equals < 0 ? text : text.substring(0, equals),
						equals < 0 ? null : text.substring(equals + 1));
			}
		}
		return environment;
	}

	public Map<String, String> environment(String service) {
		return environment(service(service));
	}

	@SuppressWarnings("unchecked")
	public static List<Object> list(Object value, String what) {
		if (!(value instanceof List)) {
			throw new AssertionError(what + " is not a list: " + value);
		}
		return (List<Object>) value;
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> map(Object value, String what) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map)) {
			throw new AssertionError(what + " is not a mapping: " + value);
		}
		return (Map<String, Object>) value;
	}

}
