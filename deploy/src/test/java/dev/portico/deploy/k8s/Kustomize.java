package dev.portico.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Enough of kustomize to build k8s/ without the binary, so that CI checks the manifests
 * offline. It reads {@code resources} (files and directories),
 * {@code configMapGenerator}/{@code secretGenerator} (literals, files, behavior
 * create/merge/replace, type, disableNameSuffixHash), {@code patches} (strategic merge:
 * maps merge, lists whose items all have a {@code name} merge by name, new items first,
 * other lists are replaced, {@code $patch: delete} removes the resource; the target is
 * the patch's kind and name, or a {@code target} kind/name applying it to every match),
 * {@code images}, {@code namespace} and {@code labels} without selectors. Anything else
 * in a kustomization.yaml is refused rather than ignored. It computes no hash suffixes:
 * generated names stay as written and are listed in {@link Build#hashedNames()}, which is
 * how the comparison with {@code kubectl kustomize} matches them up.
 */
final class Kustomize {

	static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Set<String> KNOWN_FIELDS = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
			"patches", "images", "configMapGenerator", "secretGenerator");

	private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
			"CustomResourceDefinition", "StorageClass", "PersistentVolume", "IngressClass", "PriorityClass");

	private static final Set<String> POD_TEMPLATE_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job",
			"ReplicaSet");

	/**
	 * @param hashedNames "Kind/name" of generated objects that kustomize gives a
	 * content-hash suffix
	 */
	record Build(List<ObjectNode> resources, Set<String> hashedNames) {
	}

	private Kustomize() {
	}

	static Build build(Path dir) {
		Path file = dir.resolve("kustomization.yaml");
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("no kustomization.yaml in " + dir);
		}
		ObjectNode k = (ObjectNode) readDocuments(file).getFirst();
		for (String field : k.propertyNames()) {
			if (!KNOWN_FIELDS.contains(field)) {
				throw new IllegalArgumentException(file + ": '" + field + "' is not understood by this resolver "
						+ "(commonLabels: use labels, which leave selectors alone)");
			}
		}
		List<ObjectNode> out = new ArrayList<>();
		Set<String> hashed = new LinkedHashSet<>();
		for (JsonNode entry : k.path("resources")) {
			Path path = dir.resolve(entry.asString()).normalize();
			if (Files.isDirectory(path)) {
				Build sub = build(path);
				out.addAll(sub.resources());
				hashed.addAll(sub.hashedNames());
			}
			else {
				out.addAll(readFileWithin(dir, path));
			}
		}
		for (JsonNode generator : k.path("configMapGenerator")) {
			generate(dir, "ConfigMap", (ObjectNode) generator, out, hashed);
		}
		for (JsonNode generator : k.path("secretGenerator")) {
			generate(dir, "Secret", (ObjectNode) generator, out, hashed);
		}
		for (JsonNode patch : k.path("patches")) {
			patch(dir, (ObjectNode) patch, out);
		}
		for (JsonNode labels : k.path("labels")) {
			addLabels((ObjectNode) labels, out);
		}
		for (JsonNode image : k.path("images")) {
			setImage((ObjectNode) image, out);
		}
		if (k.hasNonNull("namespace")) {
			for (ObjectNode resource : out) {
				if (!CLUSTER_SCOPED.contains(resource.path("kind").asString())) {
					metadata(resource).put("namespace", k.get("namespace").asString());
				}
			}
		}
		return new Build(out, hashed);
	}

	static List<ObjectNode> readDocuments(Path file) {
		try {
			return readDocuments(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<ObjectNode> readDocuments(String yaml) {
		List<ObjectNode> docs = new ArrayList<>();
		try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
			while (it.hasNext()) {
				JsonNode doc = it.next();
				if (doc == null || doc.isNull() || doc.isMissingNode()) {
					continue;
				}
				if (!doc.isObject()) {
					throw new IllegalArgumentException("a YAML document that is not a mapping: " + doc);
				}
				docs.add((ObjectNode) doc);
			}
		}
		return docs;
	}

	static String id(JsonNode resource) {
		return resource.path("kind").asString() + "/" + resource.path("metadata").path("name").asString();
	}

	private static List<ObjectNode> readFileWithin(Path root, Path file) {
		// kustomize's load restrictor: a kustomization reads files only from its own
		// folder and below.
		if (!file.startsWith(root)) {
			throw new IllegalArgumentException(file + " is outside " + root + " (kustomize refuses it)");
		}
		return readDocuments(file);
	}

	private static void generate(Path dir, String kind, ObjectNode generator, List<ObjectNode> out,
			Set<String> hashed) {
		for (String field : generator.propertyNames()) {
			if (!Set.of("name", "behavior", "literals", "files", "type", "options").contains(field)) {
				throw new IllegalArgumentException(dir + ": generator field '" + field + "' is not understood");
			}
		}
		String name = generator.path("name").asString();
		ObjectNode data = NODES.objectNode();
		for (JsonNode literal : generator.path("literals")) {
			String text = literal.asString();
			int eq = text.indexOf('=');
			data.put(text.substring(0, eq), encode(kind, text.substring(eq + 1)));
		}
		for (JsonNode entry : generator.path("files")) {
			String text = entry.asString();
			int eq = text.indexOf('=');
			Path file = dir.resolve(eq < 0 ? text : text.substring(eq + 1)).normalize();
			String key = eq < 0 ? file.getFileName().toString() : text.substring(0, eq);
			if (!file.startsWith(dir)) {
				throw new IllegalArgumentException(file + " is outside " + dir + " (kustomize refuses it)");
			}
			try {
				data.put(key, encode(kind, Files.readString(file)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		String behavior = generator.path("behavior").asString("create");
		ObjectNode existing = out.stream().filter(r -> id(r).equals(kind + "/" + name)).findFirst().orElse(null);
		switch (behavior) {
			case "create" -> {
				if (existing != null) {
					throw new IllegalArgumentException(dir + ": " + kind + " " + name + " is generated twice");
				}
				ObjectNode resource = NODES.objectNode();
				resource.put("apiVersion", "v1");
				resource.put("kind", kind);
				resource.putObject("metadata").put("name", name);
				if (generator.hasNonNull("type")) {
					resource.put("type", generator.get("type").asString());
				}
				else if (kind.equals("Secret")) {
					resource.put("type", "Opaque");
				}
				resource.set("data", data);
				out.add(resource);
				if (!generator.path("options").path("disableNameSuffixHash").asBoolean(false)) {
					hashed.add(kind + "/" + name);
				}
			}
			case "merge", "replace" -> {
				if (existing == null) {
					throw new IllegalArgumentException(
							dir + ": " + behavior + " of " + kind + " " + name + ", which no resource defines");
				}
				if (behavior.equals("merge")) {
					existing.withObjectProperty("data").setAll(data);
				}
				else {
					existing.set("data", data);
				}
			}
			default -> throw new IllegalArgumentException(dir + ": behavior " + behavior);
		}
	}

	private static String encode(String kind, String value) {
		return kind.equals("Secret") ? Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
				: value;
	}

	private static void patch(Path dir, ObjectNode entry, List<ObjectNode> out) {
		for (String field : entry.propertyNames()) {
			if (!Set.of("path", "patch", "target").contains(field)) {
				throw new IllegalArgumentException(dir + ": patch field '" + field + "' is not understood");
			}
		}
		List<ObjectNode> docs = entry.hasNonNull("path")
				? readFileWithin(dir, dir.resolve(entry.get("path").asString()).normalize())
				: readDocuments(entry.path("patch").asString());
		JsonNode target = entry.get("target");
		if (target != null) {
			for (String field : target.propertyNames()) {
				if (!Set.of("kind", "name").contains(field)) {
					throw new IllegalArgumentException(dir + ": patch target field '" + field + "' is not understood");
				}
			}
		}
		for (ObjectNode doc : docs) {
			List<ObjectNode> matches = out.stream()
				.filter(r -> target != null ? matches(target, r) : id(r).equals(id(doc)))
				.toList();
			if (matches.isEmpty()) {
				throw new IllegalArgumentException(
						dir + ": patch " + (target != null ? target : id(doc)) + " matches no resource");
			}
			if ("delete".equals(doc.path("$patch").asString(null))) {
				out.removeAll(matches);
				continue;
			}
			ObjectNode body = doc.deepCopy();
			body.remove("apiVersion");
			body.remove("kind");
			((ObjectNode) body.path("metadata")).remove("name");
			for (ObjectNode match : matches) {
				merge(match, body);
			}
		}
	}

	private static boolean matches(JsonNode target, JsonNode resource) {
		return (!target.hasNonNull("kind") || target.get("kind").asString().equals(resource.path("kind").asString()))
				&& (!target.hasNonNull("name")
						|| resource.path("metadata").path("name").asString().matches(target.get("name").asString()));
	}

	static void merge(ObjectNode target, ObjectNode patch) {
		for (Map.Entry<String, JsonNode> field : patch.properties()) {
			JsonNode current = target.get(field.getKey());
			JsonNode value = field.getValue();
			if (value.isNull()) {
				target.remove(field.getKey());
			}
			else if (value.isObject() && current != null && current.isObject()) {
				merge((ObjectNode) current, (ObjectNode) value);
			}
			else if (value.isArray() && current != null && current.isArray() && named(value) && named(current)) {
				mergeByName((ArrayNode) current, (ArrayNode) value);
			}
			else {
				target.set(field.getKey(), value.deepCopy());
			}
		}
	}

	private static boolean named(JsonNode list) {
		for (JsonNode item : list) {
			if (!item.isObject() || !item.hasNonNull("name")) {
				return false;
			}
		}
		return !list.isEmpty();
	}

	/**
	 * Items the patch adds go first, in the patch's order, as kubectl kustomize puts
	 * them.
	 */
	private static void mergeByName(ArrayNode current, ArrayNode patch) {
		int added = 0;
		for (JsonNode item : patch) {
			String name = item.get("name").asString();
			ObjectNode existing = null;
			Iterator<JsonNode> it = current.iterator();
			while (it.hasNext()) {
				JsonNode candidate = it.next();
				if (candidate.get("name").asString().equals(name)) {
					if ("delete".equals(item.path("$patch").asString(null))) {
						it.remove();
					}
					existing = (ObjectNode) candidate;
					break;
				}
			}
			if ("delete".equals(item.path("$patch").asString(null))) {
				continue;
			}
			if (existing == null) {
				current.insert(added++, item.deepCopy());
			}
			else {
				merge(existing, (ObjectNode) item);
			}
		}
	}

	private static void addLabels(ObjectNode entry, List<ObjectNode> out) {
		if (entry.path("includeSelectors").asBoolean(false)) {
			throw new IllegalArgumentException("labels with includeSelectors: not understood by this resolver");
		}
		ObjectNode pairs = (ObjectNode) entry.get("pairs");
		for (ObjectNode resource : out) {
			metadata(resource).withObjectProperty("labels").setAll(pairs);
			if (entry.path("includeTemplates").asBoolean(false)
					&& POD_TEMPLATE_KINDS.contains(resource.path("kind").asString())) {
				resource.withObjectProperty("spec")
					.withObjectProperty("template")
					.withObjectProperty("metadata")
					.withObjectProperty("labels")
					.setAll(pairs);
				// kustomize labels a StatefulSet's volume claims too.
				for (JsonNode claim : resource.path("spec").path("volumeClaimTemplates")) {
					((ObjectNode) claim).withObjectProperty("metadata").withObjectProperty("labels").setAll(pairs);
				}
			}
		}
	}

	private static void setImage(ObjectNode entry, List<ObjectNode> out) {
		for (String field : entry.propertyNames()) {
			if (!Set.of("name", "newName", "newTag").contains(field)) {
				throw new IllegalArgumentException("images field '" + field + "' is not understood");
			}
		}
		String name = entry.get("name").asString();
		for (ObjectNode resource : out) {
			JsonNode podSpec = resource.path("spec").path("template").path("spec");
			for (String list : List.of("containers", "initContainers")) {
				for (JsonNode container : podSpec.path(list)) {
					String image = container.path("image").asString();
					int colon = image.lastIndexOf(':');
					boolean tagged = colon > image.lastIndexOf('/');
					String imageName = tagged ? image.substring(0, colon) : image;
					if (!imageName.equals(name)) {
						continue;
					}
					String newName = entry.path("newName").asString(imageName);
					String tag = entry.hasNonNull("newTag") ? entry.get("newTag").asString()
							: tagged ? image.substring(colon + 1) : null;
					((ObjectNode) container).put("image", tag == null ? newName : newName + ":" + tag);
				}
			}
		}
	}

	private static ObjectNode metadata(ObjectNode resource) {
		return resource.withObjectProperty("metadata");
	}

}
