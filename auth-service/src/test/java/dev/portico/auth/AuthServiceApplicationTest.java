package dev.portico.auth;

import dev.portico.test.ServiceContractTest;

/**
 * auth-service starts on real PostgreSQL and Kafka and keeps the suite's service
 * contract.
 */
class AuthServiceApplicationTest extends ServiceContractTest {

}
