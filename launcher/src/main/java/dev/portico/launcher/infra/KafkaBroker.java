package dev.portico.launcher.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker+controller running in this JVM, log dir kept across
 * restarts.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

	private final KafkaRaftServer server;

	private final int port;

	private KafkaBroker(KafkaRaftServer server, int port) {
		this.server = server;
		this.port = port;
	}

	public static KafkaBroker start(Path logDir, int port, int controllerPort, String resetHint) throws Exception {
		return start(logDir, port, controllerPort, resetHint, Map.of());
	}

	/**
	 * The same broker with some settings replaced, e.g. listeners with SASL and an
	 * authorizer, as a test of the production ACLs needs; {@code port} stays the one
	 * clients connect to.
	 */
	public static KafkaBroker start(Path logDir, int port, int controllerPort, String resetHint,
			Map<String, String> overrides) throws Exception {
		Files.createDirectories(logDir);
		Properties p = new Properties();
		p.put("process.roles", "broker,controller");
		p.put("node.id", "1");
		p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		p.put("controller.listener.names", "CONTROLLER");
		p.put("inter.broker.listener.name", "PLAINTEXT");
		p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		p.put("log.dirs", logDir.toString());
		p.put("num.partitions", "3");
		p.put("auto.create.topics.enable", "true");
		p.put("default.replication.factor", "1");
		p.put("min.insync.replicas", "1");
		p.put("offsets.topic.replication.factor", "1");
		p.put("offsets.topic.num.partitions", "5");
		p.put("transaction.state.log.replication.factor", "1");
		p.put("transaction.state.log.min.isr", "1");
		p.put("transaction.state.log.num.partitions", "5");
		p.put("share.coordinator.state.topic.replication.factor", "1");
		p.put("share.coordinator.state.topic.min.isr", "1");
		p.put("group.initial.rebalance.delay.ms", "0");
		// Small footprint: this broker shares one 320 MB heap with the mail catcher.
		p.put("num.network.threads", "2");
		p.put("num.io.threads", "2");
		p.put("background.threads", "2");
		p.put("num.recovery.threads.per.data.dir", "1");
		p.put("log.cleaner.threads", "1");
		p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
		p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
		p.put("log.retention.hours", "168");
		p.putAll(overrides);
		KafkaConfig config = KafkaConfig.fromProps(p, false);

		if (!Files.exists(logDir.resolve("meta.properties"))) {
			format(config, logDir);
		}
		KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
		try {
			server.startup();
		}
		catch (RuntimeException e) {
			try {
				server.shutdown();
			}
			catch (RuntimeException ignored) {
				// best effort
			}
			throw new IllegalStateException(
					"Kafka did not start with log dir " + logDir + ": " + e.getMessage() + ". " + resetHint, e);
		}
		KafkaBroker broker = new KafkaBroker(server, port);
		broker.awaitListening(30_000);
		return broker;
	}

	private static void format(KafkaConfig config, Path logDir) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String clusterId = Uuid.randomUuid().toString();
		new Formatter().setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
			.setSupportedFeatures(Feature.PRODUCTION_FEATURES)
			.setClusterId(clusterId)
			.setNodeId(1)
			.addDirectory(logDir.toString())
			.setMetadataLogDirectory(config.metadataLogDir())
			.setControllerListenerName("CONTROLLER")
			.setReleaseVersion(MetadataVersion.latestProduction())
			.setIgnoreFormatted(true)
			.run();
		log.info("formatted Kafka storage {} (cluster {}): {}", logDir, clusterId,
				out.toString(StandardCharsets.UTF_8).trim());
	}

	private void awaitListening(long timeoutMs) throws InterruptedException {
		long deadline = System.currentTimeMillis() + timeoutMs;
		while (System.currentTimeMillis() < deadline) {
			try (Socket s = new Socket()) {
				s.connect(new InetSocketAddress("127.0.0.1", port), 500);
				return;
			}
			catch (IOException e) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("Kafka did not listen on 127.0.0.1:" + port + " within " + timeoutMs + " ms");
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + port;
	}

	@Override
	public void close() {
		server.shutdown();
		server.awaitShutdown();
	}

}
