package dev.portico.launcher.infra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and starts PostgreSQL or Kafka inside the running infra JVM, for the
 * fault-injection tests: {@code POST /faults/postgres/stop},
 * {@code /faults/postgres/start}, {@code /faults/kafka/stop},
 * {@code /faults/kafka/start}. A stop is a real server shutdown (clients see refused
 * connections), a start the same server on the same data and ports. Only served when the
 * infra JVM is started with {@code faults=true}.
 */
final class InfraFaults implements HttpHandler {

	private static final Logger log = LoggerFactory.getLogger(InfraFaults.class);

	interface Starter<T> {

		T start() throws Exception;

	}

	private final Starter<Postgres> postgresStarter;

	private final Starter<KafkaBroker> kafkaStarter;

	private final Consumer<AutoCloseable> register;

	private final Consumer<AutoCloseable> unregister;

	private Postgres postgres;

	private KafkaBroker kafka;

	InfraFaults(Starter<Postgres> postgresStarter, Starter<KafkaBroker> kafkaStarter,
			CompletableFuture<Postgres> postgres, CompletableFuture<KafkaBroker> kafka,
			Consumer<AutoCloseable> register, Consumer<AutoCloseable> unregister) {
		this.postgresStarter = postgresStarter;
		this.kafkaStarter = kafkaStarter;
		this.register = register;
		this.unregister = unregister;
		postgres.thenAccept(p -> {
			synchronized (this) {
				this.postgres = p;
			}
		});
		kafka.thenAccept(k -> {
			synchronized (this) {
				this.kafka = k;
			}
		});
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		String what = exchange.getRequestURI().getPath().substring("/faults/".length());
		int status;
		String body;
		if (!exchange.getRequestMethod().equals("POST")) {
			status = 405;
			body = "use POST";
		}
		else {
			try {
				body = apply(what);
				status = body == null ? 404 : 200;
				body = body == null ? "no such fault: " + what : body;
			}
			catch (Exception e) {
				log.warn("fault {} failed: {}", what, e.toString());
				status = 500;
				body = String.valueOf(e.getMessage());
			}
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private synchronized String apply(String what) throws Exception {
		switch (what) {
			case "postgres/stop" -> {
				if (postgres != null) {
					unregister.accept(postgres);
					postgres.close();
					postgres = null;
				}
				log.warn("fault: PostgreSQL stopped");
				return "stopped";
			}
			case "postgres/start" -> {
				if (postgres == null) {
					postgres = postgresStarter.start();
					register.accept(postgres);
				}
				log.warn("fault over: PostgreSQL started");
				return "started";
			}
			case "kafka/stop" -> {
				if (kafka != null) {
					unregister.accept(kafka);
					kafka.close();
					kafka = null;
				}
				log.warn("fault: Kafka stopped");
				return "stopped";
			}
			case "kafka/start" -> {
				if (kafka == null) {
					kafka = kafkaStarter.start();
					register.accept(kafka);
				}
				log.warn("fault over: Kafka started");
				return "started";
			}
			default -> {
				return null;
			}
		}
	}

}
