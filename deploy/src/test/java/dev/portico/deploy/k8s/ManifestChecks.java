package dev.portico.deploy.k8s;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a built overlay must satisfy before anyone applies it: every document parses
 * strictly into the Kubernetes model with no unknown field, every workload has probes,
 * resources and a locked-down securityContext, and every name that one object uses for
 * another (Service selectors and target ports, ConfigMap and Secret references and their
 * keys, HPA and PDB targets, NetworkPolicy selectors, Ingress backends, operator
 * resources' references) points at something that exists. {@link #check} returns the
 * problems as sentences; none means fine.
 */
final class ManifestChecks {

	/**
	 * A custom resource kind we write: spec keys it must have and the only ones it may
	 * have (typos fail).
	 */
	record CustomKind(Set<String> required, Set<String> allowed) {
	}

	static final Map<String, CustomKind> CUSTOM_KINDS = Map.of("postgresql.cnpg.io/v1/Cluster", new CustomKind(
			Set.of("instances", "storage"),
			Set.of("instances", "imageName", "imageCatalogRef", "storage", "walStorage", "bootstrap", "managed",
					"postgresql", "resources", "affinity", "primaryUpdateStrategy", "primaryUpdateMethod", "backup",
					"monitoring", "enableSuperuserAccess", "superuserSecret", "description", "inheritedMetadata",
					"minSyncReplicas", "maxSyncReplicas", "topologySpreadConstraints", "plugins", "externalClusters",
					"certificates", "logLevel", "env", "enablePDB", "priorityClassName", "startDelay", "stopDelay",
					"switchoverDelay", "failoverDelay", "smartShutdownTimeout", "replicationSlots", "probes")),
			"postgresql.cnpg.io/v1/Database",
			new CustomKind(Set.of("cluster", "name", "owner"),
					Set.of("cluster", "name", "owner", "ensure", "databaseReclaimPolicy", "encoding", "locale",
							"template", "extensions", "schemas")),
			"kafka.strimzi.io/v1beta2/Kafka",
			new CustomKind(Set.of("kafka"),
					Set.of("kafka", "entityOperator", "cruiseControl", "kafkaExporter", "clientsCa", "clusterCa",
							"maintenanceTimeWindows")),
			"kafka.strimzi.io/v1beta2/KafkaNodePool",
			new CustomKind(Set.of("replicas", "roles", "storage"),
					Set.of("replicas", "roles", "storage", "resources", "jvmOptions", "template")),
			"kafka.strimzi.io/v1beta2/KafkaTopic",
			new CustomKind(Set.of("partitions", "replicas"), Set.of("topicName", "partitions", "replicas", "config")),
			"kafka.strimzi.io/v1beta2/KafkaUser",
			new CustomKind(Set.of("authentication", "authorization"),
					Set.of("authentication", "authorization", "quotas", "template")),
			"k8s.keycloak.org/v2alpha1/Keycloak",
			new CustomKind(Set.of("instances", "db", "hostname"),
					Set.of("instances", "image", "db", "http", "hostname", "proxy", "ingress", "resources", "features",
							"additionalOptions", "transaction", "unsupported", "cache", "truststores", "bootstrapAdmin",
							"httpManagement", "scheduling", "networkPolicy", "startOptimized", "tracing", "update",
							"env")),
			"k8s.keycloak.org/v2alpha1/KeycloakRealmImport",
			new CustomKind(Set.of("keycloakCRName", "realm"),
					Set.of("keycloakCRName", "realm", "placeholders", "resources")),
			"monitoring.coreos.com/v1/ServiceMonitor",
			new CustomKind(Set.of("selector", "endpoints"),
					Set.of("selector", "endpoints", "jobLabel", "namespaceSelector", "targetLabels", "podTargetLabels",
							"sampleLimit")),
			"monitoring.coreos.com/v1/PrometheusRule", new CustomKind(Set.of("groups"), Set.of("groups")));

	/**
	 * A Secret the manifests use but do not define, with the keys they read from it and
	 * who makes it.
	 */
	record ExternalSecret(Set<String> keys, String madeBy) {
	}

	/** Objects the manifests may name without defining them. */
	record External(Map<String, ExternalSecret> secrets, Map<String, String> services) {

		static final External NONE = new External(Map.of(), Map.of());

	}

	/**
	 * One pod shape: a workload's template, or the pods an operator makes for a custom
	 * resource.
	 */
	private record Pods(String owner, Map<String, String> labels, PodSpec spec) {
	}

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

	private static final Pattern REALM_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

	private final List<String> problems = new ArrayList<>();

	private final External external;

	private final Map<String, Set<String>> configMaps = new HashMap<>();

	private final Map<String, Set<String>> secrets = new HashMap<>();

	private final Map<String, Service> services = new HashMap<>();

	private final List<Pods> pods = new ArrayList<>();

	private final Map<String, JsonNode> customResources = new HashMap<>();

	private ManifestChecks(External external) {
		this.external = external;
	}

	static List<String> check(List<ObjectNode> documents, External external) {
		ManifestChecks checks = new ManifestChecks(external);
		checks.run(documents);
		return checks.problems;
	}

	private void run(List<ObjectNode> documents) {
		List<HasMetadata> typed = new ArrayList<>();
		for (ObjectNode document : documents) {
			String id = Kustomize.id(document);
			KubernetesResource parsed;
			try {
				parsed = SERIALIZATION.unmarshal(document.toString(), KubernetesResource.class);
			}
			catch (RuntimeException ex) {
				problems.add(id + ": does not parse: " + ex.getMessage());
				continue;
			}
			if (parsed instanceof GenericKubernetesResource) {
				customResource(id, document);
				continue;
			}
			unknownFields(parsed, "", id);
			typed.add((HasMetadata) parsed);
		}
		index(typed);
		for (HasMetadata resource : typed) {
			String id = resource.getKind() + "/" + resource.getMetadata().getName();
			switch (resource) {
				case Deployment d -> workload(id, d.getSpec().getSelector(), d.getSpec().getTemplate());
				case StatefulSet s -> workload(id, s.getSpec().getSelector(), s.getSpec().getTemplate());
				case Service s -> service(id, s);
				case HorizontalPodAutoscaler h -> {
					var target = h.getSpec().getScaleTargetRef();
					if (pods.stream().noneMatch(p -> p.owner().equals(target.getKind() + "/" + target.getName()))) {
						problems.add(id + ": scales " + target.getKind() + "/" + target.getName()
								+ ", which does not exist");
					}
				}
				case PodDisruptionBudget p -> {
					if (workloadPods().noneMatch(pod -> selects(p.getSpec().getSelector(), pod.labels()))) {
						problems.add(id + ": its selector matches no workload's pods");
					}
				}
				case NetworkPolicy n -> networkPolicy(id, n);
				case Ingress i -> ingress(id, i);
				default -> {
				}
			}
		}
		customResourceReferences();
	}

	private void index(List<HasMetadata> typed) {
		for (HasMetadata resource : typed) {
			String name = resource.getMetadata().getName();
			switch (resource) {
				case ConfigMap c -> configMaps.put(name, keys(c.getData(), c.getBinaryData()));
				case Secret s -> secrets.put(name, keys(s.getData(), s.getStringData()));
				case Service s -> services.put(name, s);
				case Deployment d -> pods.add(new Pods("Deployment/" + name,
						d.getSpec().getTemplate().getMetadata().getLabels(), d.getSpec().getTemplate().getSpec()));
				case StatefulSet s -> pods.add(new Pods("StatefulSet/" + name,
						s.getSpec().getTemplate().getMetadata().getLabels(), s.getSpec().getTemplate().getSpec()));
				default -> {
				}
			}
		}
		// Pods that operators create for their resources carry labels we know;
		// NetworkPolicies select them.
		customResources.forEach((id, cr) -> {
			String name = cr.path("metadata").path("name").asString();
			switch (cr.path("kind").asString()) {
				case "Cluster" -> pods.add(new Pods(id, Map.of("cnpg.io/cluster", name), null));
				case "Keycloak" -> pods.add(new Pods(id, Map.of("app", "keycloak", "app.kubernetes.io/instance", name,
						"app.kubernetes.io/managed-by", "keycloak-operator"), null));
				case "KafkaNodePool" -> {
					String cluster = cr.path("metadata").path("labels").path("strimzi.io/cluster").asString();
					pods.add(new Pods(id, Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
							"strimzi.io/name", cluster + "-kafka", "strimzi.io/pool-name", name), null));
				}
				default -> {
				}
			}
		});
	}

	private static Set<String> keys(Map<String, String> a, Map<String, String> b) {
		Set<String> keys = new LinkedHashSet<>();
		if (a != null) {
			keys.addAll(a.keySet());
		}
		if (b != null) {
			keys.addAll(b.keySet());
		}
		return keys;
	}

	private java.util.stream.Stream<Pods> workloadPods() {
		return pods.stream().filter(p -> p.spec() != null);
	}

	// The Kubernetes model keeps every field it does not know in additionalProperties: a
	// typo, a field at the wrong level, a field of a newer API. Walk the whole object
	// tree and report each one with its path.
	private void unknownFields(Object node, String path, String id) {
		if (node == null) {
			return;
		}
		if (node instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				unknownFields(item, path + "[" + i++ + "]", id);
			}
			return;
		}
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> unknownFields(value, path + "." + key, id));
			return;
		}
		if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : node.getClass().getMethods()) {
			String name = getter.getName();
			if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
					|| getter.getDeclaringClass() == Object.class || !name.startsWith("get")) {
				continue;
			}
			Object value;
			try {
				value = getter.invoke(node);
			}
			catch (ReflectiveOperationException ex) {
				continue;
			}
			if (name.equals("getAdditionalProperties")) {
				if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
					problems.add(id + ": unknown field(s) " + extra.keySet() + " at "
							+ (path.isEmpty() ? "the top level" : path.substring(1)));
				}
			}
			else {
				unknownFields(value, path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), id);
			}
		}
	}

	private void customResource(String id, ObjectNode document) {
		String type = document.path("apiVersion").asString() + "/" + document.path("kind").asString();
		CustomKind kind = CUSTOM_KINDS.get(type);
		if (kind == null) {
			problems.add(id + ": " + type + " is neither a Kubernetes kind nor a custom resource we expect");
			return;
		}
		JsonNode spec = document.path("spec");
		for (String key : kind.required()) {
			if (!spec.has(key)) {
				problems.add(id + ": spec." + key + " is missing");
			}
		}
		for (String key : spec.propertyNames()) {
			if (!kind.allowed().contains(key)) {
				problems.add(id + ": unknown field spec." + key);
			}
		}
		for (String key : document.propertyNames()) {
			if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(key)) {
				problems.add(id + ": unknown field " + key);
			}
		}
		customResources.put(id, document);
	}

	private void workload(String id, LabelSelector selector, PodTemplateSpec template) {
		Map<String, String> labels = template.getMetadata().getLabels();
		if (!selects(selector, labels)) {
			problems.add(id + ": its selector does not match its own pod template's labels");
		}
		PodSpec spec = template.getSpec();
		boolean service = "service".equals(labels.get("app.kubernetes.io/component"));
		PodSecurityContext pod = spec.getSecurityContext();
		for (Container c : spec.getContainers()) {
			String where = id + " container " + c.getName();
			probe(where, "liveness", c.getLivenessProbe(), c);
			probe(where, "readiness", c.getReadinessProbe(), c);
			probe(where, "startup", c.getStartupProbe(), c);
			resources(where, c);
			SecurityContext sc = c.getSecurityContext();
			if (!Boolean.TRUE
				.equals(either(sc == null ? null : sc.getRunAsNonRoot(), pod == null ? null : pod.getRunAsNonRoot()))) {
				problems.add(where + ": runAsNonRoot is not true");
			}
			String seccomp = Objects.toString(
					either(sc == null || sc.getSeccompProfile() == null ? null : sc.getSeccompProfile().getType(),
							pod == null || pod.getSeccompProfile() == null ? null : pod.getSeccompProfile().getType()),
					null);
			if (!"RuntimeDefault".equals(seccomp)) {
				problems.add(where + ": seccompProfile is not RuntimeDefault");
			}
			if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
				problems.add(where + ": allowPrivilegeEscalation is not false");
			}
			if (sc == null || sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
					|| !sc.getCapabilities().getDrop().contains("ALL")) {
				problems.add(where + ": capabilities do not drop ALL");
			}
			if (service) {
				serviceContainer(where, spec, c, sc, pod);
			}
			environment(where, c);
		}
		volumes(id, spec.getVolumes());
	}

	// Our own services: the image's non-root user, a read-only root with /tmp on an
	// emptyDir, and a preStop pause that fits in the grace period together with Spring's
	// shutdown phases.
	private void serviceContainer(String where, PodSpec spec, Container c, SecurityContext sc, PodSecurityContext pod) {
		Long user = either(sc == null ? null : sc.getRunAsUser(), pod == null ? null : pod.getRunAsUser());
		if (!Long.valueOf(65532).equals(user)) {
			problems.add(where + ": runAsUser is " + user + ", not the image's 65532");
		}
		if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
			problems.add(where + ": readOnlyRootFilesystem is not true");
		}
		boolean tmp = c.getVolumeMounts() != null && c.getVolumeMounts()
			.stream()
			.anyMatch(m -> m.getMountPath().equals("/tmp") && spec.getVolumes()
				.stream()
				.anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
		if (!tmp) {
			problems.add(where + ": /tmp is not an emptyDir (the root filesystem is read-only)");
		}
		var preStop = c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
		if (preStop == null || preStop.getSleep() == null) {
			problems.add(where + ": no preStop sleep for graceful shutdown");
		}
		else if (spec.getTerminationGracePeriodSeconds() == null
				|| spec.getTerminationGracePeriodSeconds() < preStop.getSleep().getSeconds() + 20) {
			problems.add(where + ": terminationGracePeriodSeconds leaves no room for shutdown after preStop");
		}
	}

	private static <T> T either(T first, T second) {
		return first != null ? first : second;
	}

	private void probe(String where, String kind, Probe probe, Container c) {
		if (probe == null) {
			problems.add(where + ": no " + kind + " probe");
			return;
		}
		IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
				: probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
		if (port != null && !exposes(c, port)) {
			problems.add(where + ": " + kind + " probe port " + port.getValue() + " is not a port of the container");
		}
	}

	private void resources(String where, Container c) {
		var r = c.getResources();
		Map<String, Quantity> requests = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
		Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
		for (String resource : List.of("cpu", "memory")) {
			if (!requests.containsKey(resource)) {
				problems.add(where + ": no " + resource + " request");
			}
			if (!limits.containsKey(resource)) {
				problems.add(where + ": no " + resource + " limit");
			}
		}
	}

	private static boolean exposes(Container c, IntOrString port) {
		List<ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts();
		return port.getStrVal() != null ? ports.stream().anyMatch(p -> port.getStrVal().equals(p.getName()))
				: ports.stream().anyMatch(p -> port.getIntVal().equals(p.getContainerPort()));
	}

	// References to ConfigMaps and Secrets, their keys, and $(VAR) expansions: Kubernetes
	// leaves an unknown $(VAR) as it is, so a typo there becomes a wrong URL at run time
	// rather than an error at apply time.
	private void environment(String where, Container c) {
		Set<String> defined = new LinkedHashSet<>();
		for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
			if (from.getConfigMapRef() != null) {
				defined.addAll(configMapKeys(where, from.getConfigMapRef().getName()));
			}
			if (from.getSecretRef() != null) {
				defined.addAll(secretKeys(where, from.getSecretRef().getName(), null));
			}
		}
		for (EnvVar env : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
			if (env.getValue() != null) {
				Matcher m = VARIABLE.matcher(env.getValue());
				while (m.find()) {
					if (!defined.contains(m.group(1))) {
						problems.add(where + ": " + env.getName() + " uses $(" + m.group(1)
								+ "), which is not defined before it");
					}
				}
			}
			var from = env.getValueFrom();
			if (from != null && from.getConfigMapKeyRef() != null) {
				String key = from.getConfigMapKeyRef().getKey();
				if (!configMapKeys(where, from.getConfigMapKeyRef().getName()).contains(key)) {
					problems.add(where + ": ConfigMap " + from.getConfigMapKeyRef().getName() + " has no key " + key);
				}
			}
			if (from != null && from.getSecretKeyRef() != null) {
				secretKeys(where, from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey());
			}
			defined.add(env.getName());
		}
	}

	private Set<String> configMapKeys(String where, String name) {
		Set<String> keys = configMaps.get(name);
		if (keys == null) {
			problems.add(where + ": ConfigMap " + name + " is not defined");
			return Set.of();
		}
		return keys;
	}

	/**
	 * The keys of a Secret defined here or listed as external; reports a missing Secret
	 * or key.
	 */
	private Set<String> secretKeys(String where, String name, String key) {
		Set<String> keys = secrets.get(name);
		if (keys == null && external.secrets().containsKey(name)) {
			keys = external.secrets().get(name).keys();
		}
		if (keys == null) {
			problems.add(where + ": Secret " + name + " is neither defined nor listed as external");
			return Set.of();
		}
		if (key != null && !keys.contains(key)) {
			problems.add(where + ": Secret " + name + " has no key " + key);
		}
		return keys;
	}

	private void volumes(String where, List<Volume> volumes) {
		for (Volume v : volumes == null ? List.<Volume>of() : volumes) {
			if (v.getConfigMap() != null) {
				Set<String> keys = configMapKeys(where, v.getConfigMap().getName());
				for (KeyToPath item : v.getConfigMap().getItems() == null ? List.<KeyToPath>of()
						: v.getConfigMap().getItems()) {
					if (!keys.contains(item.getKey()) && configMaps.containsKey(v.getConfigMap().getName())) {
						problems
							.add(where + ": ConfigMap " + v.getConfigMap().getName() + " has no key " + item.getKey());
					}
				}
			}
			if (v.getSecret() != null) {
				secretKeys(where, v.getSecret().getSecretName(), null);
			}
		}
	}

	private void service(String id, Service s) {
		Map<String, String> selector = s.getSpec().getSelector();
		if (selector == null || selector.isEmpty()) {
			problems.add(id + ": has no selector");
			return;
		}
		List<Pods> selected = workloadPods().filter(p -> p.labels().entrySet().containsAll(selector.entrySet()))
			.toList();
		if (selected.isEmpty()) {
			problems.add(id + ": its selector " + selector + " matches no workload's pods");
			return;
		}
		for (ServicePort port : s.getSpec().getPorts()) {
			IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
			for (Pods p : selected) {
				if (p.spec().getContainers().stream().noneMatch(c -> exposes(c, target))) {
					problems.add(id + ": targetPort " + target.getValue() + " is not exposed by " + p.owner());
				}
			}
		}
	}

	private void networkPolicy(String id, NetworkPolicy n) {
		LabelSelector selector = n.getSpec().getPodSelector();
		if (!isEmpty(selector) && pods.stream().noneMatch(p -> selects(selector, p.labels()))) {
			problems.add(id + ": its podSelector selects no pod");
		}
		for (NetworkPolicyIngressRule rule : n.getSpec().getIngress() == null ? List.<NetworkPolicyIngressRule>of()
				: n.getSpec().getIngress()) {
			for (NetworkPolicyPeer peer : rule.getFrom() == null ? List.<NetworkPolicyPeer>of() : rule.getFrom()) {
				peer(id, peer.getPodSelector(), peer.getNamespaceSelector());
			}
		}
	}

	// A caller named in a policy but selected by nothing is a typo that silently cuts it
	// off.
	private void peer(String id, LabelSelector podSelector, LabelSelector namespaceSelector) {
		if (namespaceSelector == null && !isEmpty(podSelector)
				&& pods.stream().noneMatch(p -> selects(podSelector, p.labels()))) {
			problems.add(id + ": the peer " + describe(podSelector) + " selects no pod");
		}
	}

	private void ingress(String id, Ingress i) {
		for (IngressRule rule : i.getSpec().getRules()) {
			for (HTTPIngressPath path : rule.getHttp().getPaths()) {
				IngressServiceBackend backend = path.getBackend().getService();
				Service target = services.get(backend.getName());
				if (target == null) {
					if (!external.services().containsKey(backend.getName())) {
						problems.add(id + ": backend Service " + backend.getName() + " does not exist");
					}
					continue;
				}
				var port = backend.getPort();
				if (target.getSpec()
					.getPorts()
					.stream()
					.noneMatch(p -> port.getName() != null ? port.getName().equals(p.getName())
							: port.getNumber().equals(p.getPort()))) {
					problems.add(id + ": Service " + backend.getName() + " has no port " + port.getName()
							+ port.getNumber());
				}
			}
		}
		for (IngressTLS tls : i.getSpec().getTls() == null ? List.<IngressTLS>of() : i.getSpec().getTls()) {
			secretKeys(id, tls.getSecretName(), null);
		}
	}

	private void customResourceReferences() {
		customResources.forEach((id, cr) -> {
			String name = cr.path("metadata").path("name").asString();
			JsonNode spec = cr.path("spec");
			switch (cr.path("kind").asString()) {
				case "Cluster" -> {
					// CloudNativePG reads role passwords from kubernetes.io/basic-auth
					// Secrets.
					if (spec.path("bootstrap").path("initdb").has("secret")) {
						secretKeys(id, spec.path("bootstrap").path("initdb").path("secret").path("name").asString(),
								"password");
					}
					for (JsonNode role : spec.path("managed").path("roles")) {
						secretKeys(id, role.path("passwordSecret").path("name").asString(), "password");
					}
				}
				case "Database" -> requireCustom(id, "Cluster", spec.path("cluster").path("name").asString());
				case "KafkaTopic", "KafkaNodePool", "KafkaUser" -> requireCustom(id, "Kafka",
						cr.path("metadata").path("labels").path("strimzi.io/cluster").asString());
				case "Kafka" -> {
					for (JsonNode listener : spec.path("kafka").path("listeners")) {
						for (JsonNode peer : listener.path("networkPolicyPeers")) {
							peer(id, selector(peer.get("podSelector")), selector(peer.get("namespaceSelector")));
						}
					}
				}
				case "Keycloak" -> {
					for (String secret : List.of("usernameSecret", "passwordSecret")) {
						JsonNode ref = spec.path("db").path(secret);
						secretKeys(id, ref.path("name").asString(), ref.path("key").asString());
					}
					JsonNode podSpec = spec.path("unsupported").path("podTemplate").path("spec");
					if (podSpec.has("volumes")) {
						volumes(id, SERIALIZATION.convertValue(podSpec, PodSpec.class).getVolumes());
					}
				}
				case "KeycloakRealmImport" -> realmImport(id, spec);
				case "ServiceMonitor" -> serviceMonitor(id, spec);
				default -> {
				}
			}
		});
	}

	// A realm placeholder without a value falls back to its default in the file: the dev
	// secret, localhost.
	private void realmImport(String id, JsonNode spec) {
		requireCustom(id, "Keycloak", spec.path("keycloakCRName").asString());
		Matcher m = REALM_PLACEHOLDER.matcher(spec.path("realm").toString());
		while (m.find()) {
			if (!spec.path("placeholders").has(m.group(1))) {
				problems.add(id + ": the realm's ${" + m.group(1) + "} has no entry in spec.placeholders");
			}
		}
		for (Map.Entry<String, JsonNode> placeholder : spec.path("placeholders").properties()) {
			JsonNode secret = placeholder.getValue().path("secret");
			secretKeys(id + " placeholder " + placeholder.getKey(), secret.path("name").asString(),
					secret.path("key").asString());
		}
	}

	private void serviceMonitor(String id, JsonNode spec) {
		LabelSelector selector = selector(spec.get("selector"));
		List<Service> selected = services.values()
			.stream()
			.filter(s -> selects(selector, s.getMetadata().getLabels()))
			.toList();
		if (selected.isEmpty()) {
			problems.add(id + ": its selector matches no Service");
		}
		for (JsonNode endpoint : spec.path("endpoints")) {
			String port = endpoint.path("port").asString();
			for (Service s : selected) {
				if (s.getSpec().getPorts().stream().noneMatch(p -> port.equals(p.getName()))) {
					problems.add(id + ": Service " + s.getMetadata().getName() + " has no port named " + port);
				}
			}
		}
	}

	private void requireCustom(String id, String kind, String name) {
		if (!customResources.containsKey(kind + "/" + name)) {
			problems.add(id + ": refers to " + kind + " " + name + ", which is not defined");
		}
	}

	private static LabelSelector selector(JsonNode node) {
		return node == null ? null : SERIALIZATION.convertValue(node, LabelSelector.class);
	}

	private static boolean isEmpty(LabelSelector selector) {
		return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
				&& (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
	}

	private static String describe(LabelSelector selector) {
		return Objects.toString(selector.getMatchLabels(), "") + (selector.getMatchExpressions() == null ? ""
				: selector.getMatchExpressions()
					.stream()
					.map(e -> e.getKey() + " " + e.getOperator() + " " + e.getValues())
					.toList());
	}

	static boolean selects(LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		Map<String, String> have = labels == null ? Map.of() : labels;
		if (selector.getMatchLabels() != null && !have.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
			return false;
		}
		for (LabelSelectorRequirement e : selector.getMatchExpressions() == null ? List.<LabelSelectorRequirement>of()
				: selector.getMatchExpressions()) {
			String value = have.get(e.getKey());
			boolean ok = switch (e.getOperator()) {
				case "In" -> value != null && e.getValues().contains(value);
				case "NotIn" -> value == null || !e.getValues().contains(value);
				case "Exists" -> value != null;
				case "DoesNotExist" -> value == null;
				default -> false;
			};
			if (!ok) {
				return false;
			}
		}
		return true;
	}

}
