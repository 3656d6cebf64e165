package dev.portico.usage;

import dev.portico.test.ServiceContractTest;

/** usage-service starts on real PostgreSQL and Kafka and keeps the suite's service contract. */
class UsageServiceApplicationTest extends ServiceContractTest {

}
