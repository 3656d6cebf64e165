package dev.portico.account;

import dev.portico.test.ServiceContractTest;

/**
 * account-service starts on real PostgreSQL and Kafka and keeps the suite's service
 * contract.
 */
class AccountServiceApplicationTest extends ServiceContractTest {

}
