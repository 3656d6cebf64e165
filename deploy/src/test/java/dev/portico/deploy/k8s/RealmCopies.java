package dev.portico.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The copies of config/keycloak that k8s/ needs, because kustomize reads no file outside
 * a kustomization's folder: the realm file and login theme as they are, and the realm
 * embedded in prod's KeycloakRealmImport. Written by scripts/sync-k8s-realm.sh (which
 * runs {@link RealmCopiesTest} with -Dportico.syncRealm=true); checked by it otherwise.
 * config/keycloak stays the one place to edit.
 */
final class RealmCopies {

	static final String SCRIPT = "scripts/sync-k8s-realm.sh";

	/**
	 * Each ${NAME} of the realm file and the Secret key the Keycloak Operator fills it
	 * from in prod. A placeholder missing here fails the generation rather than shipping
	 * its dev default.
	 */
	private static final Map<String, String[]> PROD_PLACEHOLDERS = Map.of("PORTAL_AUTH_SERVICE_CLIENT_SECRET",
			new String[] { "portico-keycloak-clients", "auth-service" }, "PORTAL_WEB_CLIENT_SECRET",
			new String[] { "portico-keycloak-clients", "portico-web" }, "PORTAL_SERVICES_CLIENT_SECRET",
			new String[] { "portico-keycloak-clients", "portico-services" }, "PORTAL_PUBLIC_URL",
			new String[] { "portico-realm-settings", "public-url" }, "PORTAL_SMTP_HOST",
			new String[] { "portico-realm-settings", "smtp-host" }, "PORTAL_SMTP_PORT",
			new String[] { "portico-realm-settings", "smtp-port" });

	private static final Pattern LOCAL_URI = Pattern.compile("^https?://(localhost|127\\.0\\.0\\.1|\\[::1])([:/]|$)");

	private static final String POST_LOGOUT_REDIRECT_URIS = "post.logout.redirect.uris";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

	private RealmCopies() {
	}

	/** Path (relative to the repository) to the content it must have. */
	static Map<String, String> expected(Path root) {
		Map<String, String> files = new LinkedHashMap<>();
		String realm = read(root.resolve("config/keycloak/portal-realm.json"));
		files.put("k8s/overlays/dev/keycloak/portal-realm.json", realm);
		files.put("k8s/keycloak-theme/theme.properties",
				read(root.resolve("config/keycloak/themes/portico/login/theme.properties")));
		files.put("k8s/keycloak-theme/login.ftl", read(root.resolve("config/keycloak/themes/portico/login/login.ftl")));
		files.put("k8s/keycloak-theme/portico.css",
				read(root.resolve("config/keycloak/themes/portico/login/resources/css/portico.css")));
		files.put("k8s/overlays/prod/keycloak/realm-import.yaml", realmImport(realm));
		return files;
	}

	static void write(Path root) {
		expected(root).forEach((path, content) -> {
			try {
				Files.writeString(root.resolve(path), content);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static String realmImport(String realmJson) {
		ObjectNode realm = (ObjectNode) JsonMapper.builder().build().readTree(realmJson);
		// Users with a password are test and demo logins: a known password has no place
		// in production.
		ArrayNode users = JsonNodeFactory.instance.arrayNode();
		for (JsonNode user : realm.path("users")) {
			if (!user.has("credentials")) {
				users.add(user);
			}
		}
		realm.set("users", users);
		for (JsonNode client : realm.path("clients")) {
			withoutLocalAddresses((ObjectNode) client);
		}
		// A placeholder's default is a development value: in prod the Keycloak Operator
		// must fill it from its Secret.
		realm = (ObjectNode) JsonMapper.builder()
			.build()
			.readTree(PLACEHOLDER.matcher(realm.toString())
				.replaceAll((m) -> Matcher.quoteReplacement("${" + m.group(1) + "}")));
		ObjectNode cr = JsonNodeFactory.instance.objectNode();
		cr.put("apiVersion", "k8s.keycloak.org/v2alpha1");
		cr.put("kind", "KeycloakRealmImport");
		cr.putObject("metadata").put("name", "portal");
		ObjectNode spec = cr.putObject("spec");
		spec.put("keycloakCRName", "keycloak");
		ObjectNode placeholders = spec.putObject("placeholders");
		Matcher m = PLACEHOLDER.matcher(realm.toString());
		while (m.find()) {
			String[] secret = PROD_PLACEHOLDERS.get(m.group(1));
			if (secret == null) {
				throw new IllegalStateException("the realm's ${" + m.group(1) + "} has no prod Secret in RealmCopies");
			}
			placeholders.putObject(m.group(1)).putObject("secret").put("name", secret[0]).put("key", secret[1]);
		}
		spec.set("realm", realm);
		YAMLMapper yaml = YAMLMapper.builder()
			.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
			.disable(YAMLWriteFeature.SPLIT_LINES)
			.build();
		return """
				# Generated by %s from config/keycloak/portal-realm.json: edit that file, then run the script.
				# The realm without its password-holding (test and demo) users and without local redirect URIs and
				# origins; ${...} placeholders are filled from Secrets by the Keycloak Operator, with no default.
				# The operator imports a realm once and does not update it.
				""".formatted(SCRIPT) + yaml.writeValueAsString(cr);
	}

	/**
	 * Redirect URIs, post-logout URIs and web origins on this machine are for local runs:
	 * none in prod.
	 */
	private static void withoutLocalAddresses(ObjectNode client) {
		for (String list : new String[] { "redirectUris", "webOrigins" }) {
			if (client.has(list)) {
				ArrayNode kept = JsonNodeFactory.instance.arrayNode();
				for (JsonNode uri : client.path(list)) {
					if (!LOCAL_URI.matcher(uri.asString()).find()) {
						kept.add(uri);
					}
				}
				client.set(list, kept);
			}
		}
		JsonNode attributes = client.path("attributes");
		if (attributes.has(POST_LOGOUT_REDIRECT_URIS)) {
			String kept = Arrays.stream(attributes.path(POST_LOGOUT_REDIRECT_URIS).asString().split("##"))
				.filter((uri) -> !LOCAL_URI.matcher(uri).find())
				.collect(Collectors.joining("##"));
			((ObjectNode) attributes).put(POST_LOGOUT_REDIRECT_URIS, kept);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
