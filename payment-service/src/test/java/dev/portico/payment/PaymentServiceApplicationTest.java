package dev.portico.payment;

import dev.portico.test.ServiceContractTest;

/**
 * payment-service starts on real PostgreSQL and Kafka and keeps the suite's service
 * contract.
 */
class PaymentServiceApplicationTest extends ServiceContractTest {

}
