package dev.portico.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every image that compose and k8s/ run is pinned to a version (never {@code latest} or
 * no tag, which change under an operator between two deployments), and Keycloak is the
 * one version the local run downloads (pom.xml's {@code keycloak.version}) everywhere.
 */
class ImageTagsTest {

	private static final Pattern IMAGE = Pattern.compile("^\\s*(?:-\\s*)?(?:image|imageName):\\s*\"?([^\\s\"#]+)",
			Pattern.MULTILINE);

	@Test
	void everyImageIsPinnedAndKeycloakIsOneVersion() throws IOException {
		String keycloakVersion = property(Files.readString(Repo.root().resolve("pom.xml")), "keycloak.version");
		List<String> images = new ArrayList<>();
		for (Path file : deploymentFiles()) {
			Matcher image = IMAGE.matcher(Files.readString(file));
			while (image.find()) {
				images.add(Repo.root().relativize(file) + ": " + image.group(1));
			}
		}
		assertThat(images).as("images found").hasSizeGreaterThan(10);
		List<String> wrong = new ArrayList<>();
		for (String entry : images) {
			String image = entry.substring(entry.indexOf(": ") + 2);
			String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
			int colon = name.lastIndexOf(':');
			String tag = (colon > name.lastIndexOf('/')) ? name.substring(colon + 1) : "";
			if (image.startsWith("portico/")) {
				continue; // the suite's own images: tagged with the project version, set
							// per overlay
			}
			if (tag.isEmpty() || tag.equals("latest")) {
				wrong.add(entry + " (no pinned tag)");
			}
			if (name.startsWith("quay.io/keycloak/keycloak:") && !tag.equals(keycloakVersion)) {
				wrong.add(entry + " (Keycloak " + keycloakVersion + " elsewhere)");
			}
		}
		assertThat(wrong).isEmpty();
	}

	private static List<Path> deploymentFiles() throws IOException {
		List<Path> files = new ArrayList<>(List.of(Repo.root().resolve("docker-compose.yml")));
		try (Stream<Path> k8s = Files.walk(Repo.root().resolve("k8s"))) {
			k8s.filter((file) -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
				.sorted()
				.forEach(files::add);
		}
		return files;
	}

	private static String property(String pom, String name) {
		Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
		assertThat(value.find()).as(name).isTrue();
		return value.group(1).strip();
	}

}
