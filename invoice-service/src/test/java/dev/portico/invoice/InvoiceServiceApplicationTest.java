package dev.portico.invoice;

import dev.portico.test.ServiceContractTest;

/**
 * invoice-service starts on real PostgreSQL and Kafka and keeps the suite's service
 * contract.
 */
class InvoiceServiceApplicationTest extends ServiceContractTest {

}
