package dev.portico.launcher.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "infra" JVM: PostgreSQL, Kafka and the mail catcher together, stopped cleanly on
 * SIGTERM.
 *
 * <p>
 * Arguments are {@code key=value}: {@code data} (directory holding {@code postgres/} and
 * {@code kafka/}), {@code postgresPort}, {@code kafkaPort}, {@code kafkaControllerPort},
 * {@code smtpPort}, {@code mailApiPort}, {@code databases} (comma separated),
 * {@code errorFile} (gets a one-line reason if start-up fails), {@code resetHint},
 * {@code faults} ({@code true}: PostgreSQL and Kafka may be stopped and started again
 * through {@link InfraFaults}, for the fault-injection tests). Readiness:
 * {@code GET http://127.0.0.1:<mailApiPort>/health} = 200.
 */
public final class InfraMain {

	private static final Logger log = LoggerFactory.getLogger(InfraMain.class);

	private final Deque<AutoCloseable> started = new ArrayDeque<>();

	private final AtomicBoolean ready = new AtomicBoolean();

	public static void main(String[] args) {
		Map<String, String> a = new HashMap<>();
		for (String arg : args) {
			int i = arg.indexOf('=');
			if (i > 0) {
				a.put(arg.substring(0, i), arg.substring(i + 1));
			}
		}
		InfraMain infra = new InfraMain();
		Runtime.getRuntime().addShutdownHook(new Thread(infra::stop, "infra-shutdown"));
		long t0 = System.nanoTime();
		try {
			infra.start(a);
			log.info(
					"infra ready in {} ms (PostgreSQL 127.0.0.1:{}, Kafka 127.0.0.1:{}, SMTP 127.0.0.1:{},"
							+ " mail API 127.0.0.1:{})",
					(System.nanoTime() - t0) / 1_000_000, a.get("postgresPort"), a.get("kafkaPort"), a.get("smtpPort"),
					a.get("mailApiPort"));
		}
		catch (Throwable e) {
			Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
			log.error("infra failed to start: {}", t.getMessage(), t);
			String errorFile = a.get("errorFile");
			if (errorFile != null) {
				try {
					Files.writeString(Path.of(errorFile), String.valueOf(t.getMessage()).replace('\n', ' ') + "\n");
				}
				catch (Exception ignored) {
					// the log has it
				}
			}
			System.exit(1);
		}
	}

	private void start(Map<String, String> a) throws Exception {
		Path data = Path.of(req(a, "data"));
		String hint = a.getOrDefault("resetHint", "delete " + data + " to start afresh");
		List<String> dbs = List.of(a.getOrDefault("databases", "").split(","))
			.stream()
			.filter(s -> !s.isBlank())
			.toList();
		MailCatcher mail = MailCatcher.start(port(a, "smtpPort"), port(a, "mailApiPort"), ready::get);
		register(mail);
		CompletableFuture<Postgres> pg = CompletableFuture.supplyAsync(() -> {
			try {
				return Postgres.start(data.resolve("postgres"), port(a, "postgresPort"), dbs,
						hint.replace("{dir}", data.resolve("postgres").toString()));
			}
			catch (Exception e) {
				throw new CompletionException(e);
			}
		});
		CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> {
			try {
				return KafkaBroker.start(data.resolve("kafka"), port(a, "kafkaPort"), port(a, "kafkaControllerPort"),
						hint.replace("{dir}", data.resolve("kafka").toString()));
			}
			catch (Exception e) {
				throw new CompletionException(e);
			}
		});
		// Register each as soon as it is up, so a failure of the other still stops it.
		pg.thenAccept(this::register);
		kafka.thenAccept(this::register);
		if (Boolean.parseBoolean(a.getOrDefault("faults", "false"))) {
			mail.addContext("/faults/",
					new InfraFaults(() -> Postgres.start(data.resolve("postgres"), port(a, "postgresPort"), dbs, hint),
							() -> KafkaBroker.start(data.resolve("kafka"), port(a, "kafkaPort"),
									port(a, "kafkaControllerPort"), hint),
							pg, kafka, this::register, this::unregister));
		}
		try {
			CompletableFuture.allOf(pg, kafka).join();
		}
		catch (CompletionException e) {
			// wait for the other one to finish starting so it is registered and stopped
			try {
				CompletableFuture.allOf(pg.exceptionally(x -> null), kafka.exceptionally(x -> null)).join();
			}
			catch (RuntimeException ignored) {
				// reported below
			}
			throw e;
		}
		ready.set(true);
	}

	private synchronized void register(AutoCloseable c) {
		started.push(c);
	}

	private synchronized void unregister(AutoCloseable c) {
		started.remove(c);
	}

	private synchronized void stop() {
		ready.set(false);
		while (!started.isEmpty()) {
			AutoCloseable c = started.pop();
			try {
				log.info("stopping {}", c.getClass().getSimpleName());
				c.close();
			}
			catch (Exception e) {
				log.warn("stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
			}
		}
		log.info("infra stopped");
	}

	private static String req(Map<String, String> a, String key) {
		String v = a.get(key);
		if (v == null) {
			throw new IllegalArgumentException("missing argument " + key + "=...");
		}
		return v;
	}

	private static int port(Map<String, String> a, String key) {
		return Integer.parseInt(req(a, key));
	}

}
