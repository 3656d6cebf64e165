package dev.portico.test.docker;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The {@code docker} profile's servers: the same PostgreSQL and Kafka as the embedded ones, from official images,
 * one container each per test JVM. Compiled only in that profile, so the default build never needs Docker;
 * {@code TestPostgres} and {@code TestKafka} switch to it when {@code portico.test.docker} is {@code true}.
 */
public final class ContainerServers {

	private static PostgreSQLContainer postgres;

	private static KafkaContainer kafka;

	private ContainerServers() {
	}

	/** JDBC URL of the server's {@code postgres} database, user, password. */
	public static synchronized String[] postgres() {
		if (postgres == null) {
			PostgreSQLContainer started = new PostgreSQLContainer("postgres:18-alpine").withDatabaseName("postgres")
				.withUsername("postgres")
				.withPassword("postgres");
			started.start();
			postgres = started;
		}
		return new String[] { postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword() };
	}

	public static synchronized String kafkaBootstrapServers() {
		if (kafka == null) {
			KafkaContainer started = new KafkaContainer("apache/kafka:4.1.0");
			started.start();
			kafka = started;
		}
		return kafka.getBootstrapServers();
	}

}
