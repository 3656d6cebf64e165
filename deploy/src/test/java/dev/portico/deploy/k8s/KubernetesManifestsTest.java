package dev.portico.deploy.k8s;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portico.deploy.Repo;
import dev.portico.deploy.k8s.ManifestChecks.External;
import dev.portico.deploy.k8s.ManifestChecks.ExternalSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * k8s/ validated offline: each kustomization built by {@link Kustomize} and checked by
 * {@link ManifestChecks}; where a kubectl is installed, each built again by
 * {@code kubectl kustomize} and compared, so that the resolver is held to the real tool.
 */
class KubernetesManifestsTest {

	private static final Path K8S = Repo.root().resolve("k8s");

	/**
	 * Everything the manifests may use without defining it. The base only names its
	 * Secrets; prod's come from whoever runs the cluster (k8s/README.md), its Services
	 * from the operators. Dev defines all it uses.
	 */
	static final External OUTSIDE = new External(
			Map.ofEntries(Map.entry("portico-db-auth", dbSecret()), Map.entry("portico-db-account", dbSecret()),
					Map.entry("portico-db-invoice", dbSecret()), Map.entry("portico-db-payment", dbSecret()),
					Map.entry("portico-db-usage", dbSecret()), Map.entry("portico-db-keycloak", dbSecret()),
					Map.entry("portico-keycloak-clients",
							new ExternalSecret(Set.of("auth-service", "portico-web", "portico-services"),
									"the cluster's operator: the client secrets of Keycloak's confidential clients")),
					Map.entry("portico-stripe",
							new ExternalSecret(Set.of("secret-key", "webhook-secret"),
									"the operator: Stripe's secret key and the webhook endpoint's signing secret")),
					Map.entry("portal-tls",
							new ExternalSecret(Set.of("tls.crt", "tls.key"),
									"cert-manager or the operator: the portal's TLS certificate")),
					Map.entry(
							"auth-tls",
							new ExternalSecret(Set.of("tls.crt", "tls.key"),
									"cert-manager or the operator: Keycloak's TLS certificate")),
					Map.entry("portico-kafka-cluster-ca-cert", new ExternalSecret(Set.of("ca.crt"),
							"Strimzi, for Kafka 'portico-kafka': the cluster CA that signs the brokers' certificates")),
					Map.entry("account-service", kafkaUserSecret()), Map.entry("invoice-service", kafkaUserSecret()),
					Map.entry("payment-service", kafkaUserSecret()), Map.entry("usage-service", kafkaUserSecret())),
			Map.of("keycloak-service", "the Keycloak Operator, for Keycloak 'keycloak'", "portico-db-rw",
					"CloudNativePG, the primary of Cluster 'portico-db'", "portico-kafka-kafka-bootstrap",
					"Strimzi, for Kafka 'portico-kafka'"));

	private static ExternalSecret kafkaUserSecret() {
		return new ExternalSecret(Set.of("password", "sasl.jaas.config"),
				"Strimzi's User Operator, for the KafkaUser of the same name (kafka-users.yaml)");
	}

	private static ExternalSecret dbSecret() {
		return new ExternalSecret(Set.of("username", "password"),
				"the cluster's operator: kubernetes.io/basic-auth, used by CloudNativePG for the role and by the service");
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "overlays/prod" })
	void baseAndProdAreValid(String kustomization) {
		var build = Kustomize.build(K8S.resolve(kustomization));
		assertThat(ManifestChecks.check(build.resources(), OUTSIDE)).isEmpty();
	}

	@Test
	void devIsValidAndSelfContained() {
		var build = Kustomize.build(K8S.resolve("overlays/dev"));
		assertThat(ManifestChecks.check(build.resources(), External.NONE)).isEmpty();
	}

	@Test
	void everyServiceHasItsDeploymentServiceAutoscalerBudgetAndPolicy() {
		var ids = Kustomize.build(K8S.resolve("base")).resources().stream().map(Kustomize::id).toList();
		for (String service : List.of("gateway", "auth-service", "account-service", "invoice-service",
				"payment-service", "usage-service", "web")) {
			assertThat(ids).contains("Deployment/" + service, "Service/" + service,
					"HorizontalPodAutoscaler/" + service, "PodDisruptionBudget/" + service, "NetworkPolicy/" + service);
		}
		assertThat(ids).contains("NetworkPolicy/default-deny-ingress", "Ingress/gateway", "ConfigMap/portico-config");
	}

	@Test
	void prodHasTheOperatorsResources() {
		var ids = Kustomize.build(K8S.resolve("overlays/prod")).resources().stream().map(Kustomize::id).toList();
		assertThat(ids).contains("Cluster/portico-db", "Kafka/portico-kafka", "KafkaNodePool/dual-role",
				"KafkaTopic/accounts-v1", "KafkaTopic/invoices-v1", "KafkaTopic/balances-v1", "KafkaTopic/payments-v1",
				"KafkaTopic/usage-records-v1", "Keycloak/keycloak", "KeycloakRealmImport/portal",
				"ServiceMonitor/portico-services");
		assertThat(ids).doesNotContain("StatefulSet/postgres", "StatefulSet/kafka", "Deployment/keycloak");
	}

	@Test
	void keycloaksPublicIngressServesSignInAndTokensButNotTheAdminConsole() {
		List<ObjectNode> prod = Kustomize.build(K8S.resolve("overlays/prod")).resources();
		JsonNode ingress = prod.stream()
			.filter((resource) -> Kustomize.id(resource).equals("Ingress/keycloak"))
			.findFirst()
			.orElseThrow();
		List<String> paths = ingress.path("spec")
			.path("rules")
			.valueStream()
			.flatMap((rule) -> rule.path("http").path("paths").valueStream())
			.map((path) -> path.path("path").asString())
			.toList();
		assertThat(paths).containsExactlyInAnyOrder("/realms/", "/resources/");
		JsonNode keycloak = prod.stream()
			.filter((resource) -> Kustomize.id(resource).equals("Keycloak/keycloak"))
			.findFirst()
			.orElseThrow();
		assertThat(keycloak.path("spec").path("hostname").path("admin").asString()).startsWith("http://localhost");
	}

	// The alert rules are written beside the manifests by the monitoring work; once
	// there, prod must ship them.
	@Test
	void prodShipsThePrometheusRuleOnceItExists() throws Exception {
		Path rule = K8S.resolve("overlays/prod/monitoring/prometheus-rule.yaml");
		assumeTrue(Files.exists(rule), "no k8s/overlays/prod/monitoring/prometheus-rule.yaml yet");
		assertThat(Kustomize.readDocuments(K8S.resolve("overlays/prod/kustomization.yaml"))
			.getFirst()
			.path("resources")
			.valueStream()
			.map(JsonNode::asString)).contains("monitoring/prometheus-rule.yaml");
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "overlays/dev", "overlays/prod" })
	void resolverBuildsWhatKubectlKustomizeBuilds(String kustomization) throws Exception {
		String kubectl = onPath("kubectl");
		assumeTrue(kubectl != null, "no kubectl on PATH: the resolver is not compared with kubectl kustomize here");
		Process process = new ProcessBuilder(kubectl, "kustomize", K8S.resolve(kustomization).toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("kubectl kustomize %s", kustomization).isZero();

		var build = Kustomize.build(K8S.resolve(kustomization));
		Map<String, JsonNode> ours = byId(build.resources());
		Map<String, JsonNode> theirs = byId(Kustomize.readDocuments(rendered)
			.stream()
			.map(doc -> (ObjectNode) withoutHashes(doc, build.hashedNames()))
			.toList());
		assertThat(ours.keySet()).isEqualTo(theirs.keySet());
		// Not only the same objects: the same content, so patches, labels, images and
		// generators are right too.
		theirs.forEach((id, object) -> assertThat(differences("", ours.get(id), object)).as(id).isEmpty());
	}

	/**
	 * Where two JSON trees differ, as paths with both values; short enough to read in a
	 * failure.
	 */
	private static List<String> differences(String path, JsonNode ours, JsonNode theirs) {
		if (ours != null && theirs != null && ours.isObject() && theirs.isObject()) {
			Set<String> keys = new java.util.TreeSet<>(ours.propertyNames());
			keys.addAll(theirs.propertyNames());
			return keys.stream()
				.flatMap(k -> differences(path + "." + k, ours.get(k), theirs.get(k)).stream())
				.toList();
		}
		if (ours != null && theirs != null && ours.isArray() && theirs.isArray() && ours.size() == theirs.size()) {
			return java.util.stream.IntStream.range(0, ours.size())
				.boxed()
				.flatMap(i -> differences(path + "[" + i + "]", ours.get(i), theirs.get(i)).stream())
				.toList();
		}
		return java.util.Objects.equals(ours, theirs) ? List.of()
				: List.of(path + ": resolver " + ours + ", kubectl " + theirs);
	}

	/**
	 * A Deployment with an unknown field and without a readiness probe: both must be
	 * reported.
	 */
	@Test
	void aBrokenDeploymentIsReported() {
		String broken = """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: broken
				spec:
				  selector:
				    matchLabels:
				      app.kubernetes.io/name: broken
				  template:
				    metadata:
				      labels:
				        app.kubernetes.io/name: broken
				        app.kubernetes.io/component: service
				    spec:
				      containers:
				        - name: broken
				          image: portico/broken:1
				          ports:
				            - name: http
				              containerPort: 8080
				          livenessProbe:
				            httpGet:
				              path: /actuator/health/liveness
				              port: http
				          startupProbe:
				            httpGet:
				              path: /actuator/health/liveness
				              port: htp
				          resources:
				            requests:
				              cpu: 100m
				              memory: 256Mi
				            limit:
				              memory: 512Mi
				          env:
				            - name: PORTICO_SECURITY_JWK_SET_URI
				              value: $(PORTICO_KEYCLOAK_URL)/certs
				            - name: SPRING_DATASOURCE_PASSWORD
				              valueFrom:
				                secretKeyRef:
				                  name: portico-db-nothing
				                  key: password
				---
				apiVersion: v1
				kind: Service
				metadata:
				  name: broken
				spec:
				  selector:
				    app.kubernetes.io/name: brokn
				  ports:
				    - port: 8080
				      targetPort: http
				---
				apiVersion: networking.k8s.io/v1
				kind: NetworkPolicy
				metadata:
				  name: broken
				spec:
				  podSelector:
				    matchLabels:
				      app.kubernetes.io/name: broken
				  ingress:
				    - from:
				        - podSelector:
				            matchLabels:
				              app.kubernetes.io/name: gatewy
				---
				apiVersion: apps/v2
				kind: Deployment
				metadata:
				  name: future
				""";
		List<String> problems = ManifestChecks.check(Kustomize.readDocuments(broken), External.NONE);
		assertThat(problems)
			.anySatisfy(p -> assertThat(p).contains("Deployment/broken").contains("unknown field(s) [limit]"))
			.anySatisfy(p -> assertThat(p).contains("Deployment/broken").contains("no readiness probe"))
			.anySatisfy(p -> assertThat(p).contains("startup probe port htp"))
			.anySatisfy(p -> assertThat(p).contains("no memory limit"))
			.anySatisfy(p -> assertThat(p).contains("readOnlyRootFilesystem is not true"))
			.anySatisfy(p -> assertThat(p).contains("runAsNonRoot is not true"))
			.anySatisfy(p -> assertThat(p).contains("no preStop sleep"))
			.anySatisfy(p -> assertThat(p).contains("$(PORTICO_KEYCLOAK_URL)"))
			.anySatisfy(p -> assertThat(p).contains("Secret portico-db-nothing is neither defined nor listed"))
			.anySatisfy(p -> assertThat(p).contains("Service/broken").contains("matches no workload"))
			.anySatisfy(p -> assertThat(p).contains("NetworkPolicy/broken").contains("gatewy"))
			.anySatisfy(p -> assertThat(p).contains("Deployment/future").contains("apps/v2/Deployment"));
	}

	@Test
	void aWrongTypeIsReported() {
		String broken = """
				apiVersion: v1
				kind: Service
				metadata:
				  name: typed
				spec:
				  ports:
				    - port: [8080]
				""";
		assertThat(ManifestChecks.check(Kustomize.readDocuments(broken), External.NONE))
			.anySatisfy(p -> assertThat(p).contains("Service/typed").contains("does not parse"));
	}

	@Test
	void aMisspelledCustomResourceFieldIsReported() {
		String broken = """
				apiVersion: kafka.strimzi.io/v1beta2
				kind: KafkaTopic
				metadata:
				  name: typo
				  labels:
				    strimzi.io/cluster: nowhere
				spec:
				  partition: 3
				  replicas: 3
				""";
		assertThat(ManifestChecks.check(Kustomize.readDocuments(broken), External.NONE))
			.anySatisfy(p -> assertThat(p).contains("spec.partitions is missing"))
			.anySatisfy(p -> assertThat(p).contains("unknown field spec.partition"))
			.anySatisfy(p -> assertThat(p).contains("Kafka nowhere"));
	}

	private static Map<String, JsonNode> byId(List<? extends JsonNode> resources) {
		Map<String, JsonNode> byId = new TreeMap<>();
		for (JsonNode resource : resources) {
			assertThat(byId.put(Kustomize.id(resource), resource)).as("duplicate %s", Kustomize.id(resource)).isNull();
		}
		return byId;
	}

	// kustomize names generated ConfigMaps and Secrets <name>-<hash of content> and
	// rewrites the references to them; this resolver keeps <name>. Undo the suffix
	// wherever it appears.
	private static JsonNode withoutHashes(JsonNode node, Set<String> hashed) {
		Pattern suffixed = Pattern.compile("(.+)-[a-z0-9]{10}");
		Set<String> names = hashed.stream()
			.map(id -> id.substring(id.indexOf('/') + 1))
			.collect(java.util.stream.Collectors.toSet());
		return rewrite(node, value -> {
			Matcher m = suffixed.matcher(value);
			return m.matches() && names.contains(m.group(1)) ? m.group(1) : value;
		});
	}

	private static JsonNode rewrite(JsonNode node, java.util.function.UnaryOperator<String> strings) {
		if (node.isObject()) {
			node.properties()
				.forEach(field -> ((ObjectNode) node).set(field.getKey(), rewrite(field.getValue(), strings)));
			return node;
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				((tools.jackson.databind.node.ArrayNode) node).set(i, rewrite(node.get(i), strings));
			}
			return node;
		}
		return node.isString() ? StringNode.valueOf(strings.apply(node.asString())) : node;
	}

	private static String onPath(String command) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, command);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

}
