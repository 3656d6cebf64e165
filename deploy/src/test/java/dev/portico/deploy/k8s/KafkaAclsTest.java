package dev.portico.deploy.k8s;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import dev.portico.launcher.infra.KafkaBroker;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production KafkaUsers' ACLs on a real broker: the local run's KRaft broker with
 * SCRAM-SHA-512 sign-in and Kafka's own authorizer, users and ACLs taken from
 * {@code k8s/overlays/prod} as Strimzi's User Operator would apply them. Each service
 * writes its own events and nothing else, so a forged {@code PaymentSucceeded} is
 * refused. (Production adds TLS on the same listener; the test broker listens on loopback
 * without it.)
 */
class KafkaAclsTest {

	private static final Path K8S = Path.of(System.getProperty("portico.root", ".."))
		.resolve("k8s")
		.toAbsolutePath()
		.normalize();

	private static final Duration QUICK = Duration.ofSeconds(10);

	@TempDir
	static Path logDir;

	private static KafkaBroker broker;

	private static String internal;

	private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();

	private static List<JsonNode> prod;

	@BeforeAll
	static void startBrokerWithProductionUsersAndAcls() throws Exception {
		prod = Kustomize.build(K8S.resolve("overlays/prod")).resources().stream().map(JsonNode.class::cast).toList();
		int port = freePort();
		int controller = freePort();
		int internalPort = freePort();
		internal = "127.0.0.1:" + internalPort;
		Map<String, String> secured = new LinkedHashMap<>();
		secured.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller
				+ ",INTERNAL://" + internal);
		secured.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",INTERNAL://" + internal);
		secured.put("listener.security.protocol.map",
				"SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT");
		secured.put("inter.broker.listener.name", "INTERNAL");
		secured.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
		secured.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required;");
		secured.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		// The broker's own listeners (loopback, test only) act as the cluster itself,
		// like Strimzi's internal TLS.
		secured.put("super.users", "User:ANONYMOUS");
		secured.put("allow.everyone.if.no.acl.found", "false");
		secured.put("auto.create.topics.enable", "false");
		broker = KafkaBroker.start(logDir, port, controller, "", secured);

		try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, internal))) {
			admin.createTopics(topics().stream().map((topic) -> new NewTopic(topic, 1, (short) 1)).toList())
				.all()
				.get();
			List<UserScramCredentialUpsertion> credentials = new ArrayList<>();
			List<AclBinding> acls = new ArrayList<>();
			for (JsonNode user : users()) {
				String name = user.path("metadata").path("name").asString();
				assertThat(user.path("spec").path("authentication").path("type").asString()).isEqualTo("scram-sha-512");
				PASSWORDS.put(name, UUID.randomUUID().toString());
				credentials.add(new UserScramCredentialUpsertion(name,
						new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORDS.get(name)));
				for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
					JsonNode resource = acl.path("resource");
					// Strimzi writes them as Kafka's enums in lower or mixed case.
					ResourcePattern pattern = new ResourcePattern(ResourceType.fromString(upper(resource.path("type"))),
							resource.path("name").asString(),
							PatternType.fromString(upper(resource.path("patternType"))));
					for (JsonNode operation : acl.path("operations")) {
						acls.add(new AclBinding(pattern, new AccessControlEntry("User:" + name, "*",
								AclOperation.fromString(upper(operation)), AclPermissionType.ALLOW)));
					}
				}
			}
			admin.alterUserScramCredentials(new ArrayList<>(credentials)).all().get();
			admin.createAcls(acls).all().get();
		}
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void everyClientWritesItsOwnTopicsAndIsRefusedEveryOther() throws Exception {
		for (String user : PASSWORDS.keySet()) {
			Set<String> writable = granted(user, "topic", "Write");
			try (KafkaProducer<String, String> producer = producer(user, PASSWORDS.get(user))) {
				for (String topic : topics()) {
					var sent = producer.send(new ProducerRecord<>(topic, "key", "{}"));
					if (writable.contains(topic)) {
						assertThat(sent.get().topic()).as(user + " writes " + topic).isEqualTo(topic);
					}
					else {
						assertThatThrownBy(sent::get).as(user + " may not write " + topic)
							.isInstanceOf(ExecutionException.class)
							.hasCauseInstanceOf(TopicAuthorizationException.class);
					}
				}
			}
		}
	}

	@Test
	void aForgedPaymentSucceededIsRefusedAndOnlyPaymentServiceWritesPayments() throws Exception {
		try (KafkaProducer<String, String> producer = producer("invoice-service", PASSWORDS.get("invoice-service"))) {
			assertThatThrownBy(() -> producer
				.send(new ProducerRecord<>("payments.v1", "account", "{\"type\":\"PaymentSucceeded\"}"))
				.get()).hasCauseInstanceOf(TopicAuthorizationException.class);
		}
		try (KafkaProducer<String, String> stranger = producer("payment-service", "not-its-password")) {
			assertThatThrownBy(() -> stranger.send(new ProducerRecord<>("payments.v1", "account", "{}")).get())
				.hasCauseInstanceOf(SaslAuthenticationException.class);
		}
	}

	@Test
	void eachEventTopicHasOneWriterAndEachDeadLetterTopicIsWrittenByTheConsumersOfItsTopic() {
		for (String topic : topics()) {
			List<String> writers = PASSWORDS.keySet()
				.stream()
				.filter((user) -> granted(user, "topic", "Write").contains(topic))
				.toList();
			if (topic.endsWith(".dlt")) {
				String source = topic.substring(0, topic.length() - ".dlt".length());
				List<String> readers = PASSWORDS.keySet()
					.stream()
					.filter((user) -> granted(user, "topic", "Read").contains(source))
					.toList();
				assertThat(writers).as("writers of " + topic).containsExactlyInAnyOrderElementsOf(readers);
			}
			else {
				assertThat(writers).as("writers of " + topic).hasSize(1);
			}
		}
	}

	@Test
	void consumersReadWhatTheyConsumeInTheirOwnGroupOnly() {
		for (String user : PASSWORDS.keySet()) {
			Set<String> readable = granted(user, "topic", "Read");
			Set<String> groups = granted(user, "group", "Read");
			for (String topic : readable) {
				for (String group : groups) {
					try (KafkaConsumer<String, String> consumer = consumer(user, group)) {
						consumer.subscribe(List.of(topic));
						consumer.poll(Duration.ofSeconds(2));
					}
				}
			}
			String foreign = topics().stream().filter((topic) -> !readable.contains(topic)).findFirst().orElseThrow();
			for (String group : groups) {
				try (KafkaConsumer<String, String> consumer = consumer(user, group)) {
					consumer.subscribe(List.of(foreign));
					assertThatThrownBy(() -> consumer.poll(QUICK)).as(user + " may not read " + foreign)
						.isInstanceOf(TopicAuthorizationException.class);
				}
			}
			if (!readable.isEmpty()) {
				try (KafkaConsumer<String, String> consumer = consumer(user, "someone-elses-group")) {
					consumer.subscribe(List.of(readable.iterator().next()));
					assertThatThrownBy(() -> consumer.poll(QUICK)).isInstanceOf(GroupAuthorizationException.class);
				}
			}
		}
	}

	@Test
	void theEventServicesSignInAsTheirKafkaUserOverTls() {
		JsonNode config = resource("ConfigMap", "portico-config");
		String literals = config.path("data").toString();
		assertThat(literals).contains("\"SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL\":\"SASL_SSL\"",
				"\"SPRING_KAFKA_PROPERTIES_SASL_MECHANISM\":\"SCRAM-SHA-512\"");
		JsonNode listener = resource("Kafka", "portico-kafka").path("spec").path("kafka").path("listeners").get(0);
		assertThat(listener.path("tls").asBoolean()).isTrue();
		assertThat(listener.path("authentication").path("type").asString()).isEqualTo("scram-sha-512");
		assertThat(config.path("data").path("SPRING_KAFKA_BOOTSTRAP_SERVERS").asString())
			.endsWith(":" + listener.path("port").asInt());
		for (String service : List.of("account-service", "invoice-service", "payment-service", "usage-service")) {
			JsonNode env = resource("Deployment", service).path("spec")
				.path("template")
				.path("spec")
				.path("containers")
				.get(0)
				.path("env");
			Map<String, String> secrets = env.valueStream()
				.filter((variable) -> variable.path("valueFrom").has("secretKeyRef"))
				.collect(Collectors.toMap((variable) -> variable.path("name").asString(),
						(variable) -> variable.path("valueFrom").path("secretKeyRef").path("name").asString()));
			assertThat(secrets).containsEntry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", service)
				.containsEntry("SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_CERTIFICATES", "portico-kafka-cluster-ca-cert");
			assertThat(PASSWORDS).containsKey(service);
		}
	}

	private static KafkaProducer<String, String> producer(String user, String password) {
		Map<String, Object> config = client(user, password);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) QUICK.toMillis());
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) QUICK.toMillis());
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		return new KafkaProducer<>(config);
	}

	private static KafkaConsumer<String, String> consumer(String user, String group) {
		Map<String, Object> config = client(user, PASSWORDS.get(user));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		return new KafkaConsumer<>(config);
	}

	/**
	 * What a service's client gets from prod's settings, over plain SASL instead of SASL
	 * over TLS.
	 */
	private static Map<String, Object> client(String user, String password) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
		config.put(SaslConfigs.SASL_MECHANISM,
				resource("ConfigMap", "portico-config").path("data")
					.path("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")
					.asString());
		// The form of the sasl.jaas.config that Strimzi's User Operator writes into the
		// KafkaUser's Secret.
		config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required "
				+ "username=\"" + user + "\" password=\"" + password + "\";");
		return config;
	}

	private static List<JsonNode> users() {
		return prod.stream().filter((resource) -> resource.path("kind").asString().equals("KafkaUser")).toList();
	}

	private static List<String> topics() {
		return prod.stream()
			.filter((resource) -> resource.path("kind").asString().equals("KafkaTopic"))
			.map((topic) -> topic.path("spec").path("topicName").asString())
			.toList();
	}

	/** The resources of this type the user's ACLs allow this operation on. */
	private static Set<String> granted(String user, String type, String operation) {
		return users().stream()
			.filter((candidate) -> candidate.path("metadata").path("name").asString().equals(user))
			.flatMap((candidate) -> candidate.path("spec").path("authorization").path("acls").valueStream())
			.filter((acl) -> acl.path("resource").path("type").asString().equals(type))
			.filter((acl) -> acl.path("operations").valueStream().anyMatch((op) -> op.asString().equals(operation)))
			.map((acl) -> acl.path("resource").path("name").asString())
			.collect(Collectors.toSet());
	}

	private static JsonNode resource(String kind, String name) {
		return prod.stream()
			.filter((resource) -> resource.path("kind").asString().equals(kind)
					&& resource.path("metadata").path("name").asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in prod"));
	}

	private static String upper(JsonNode value) {
		return value.asString("literal").toUpperCase(Locale.ROOT);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
