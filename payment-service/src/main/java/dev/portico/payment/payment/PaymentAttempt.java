package dev.portico.payment.payment;

import java.util.List;
import java.util.UUID;

/**
 * The request a payment is taken for, as taking it sees it: whether it may go ahead, and
 * where its answer is recorded, each inside the transaction that makes it so, so that
 * whatever crashes later the request is answered from what committed.
 * {@link IdempotentPayments} implements it with the request's {@code Idempotency-Key}.
 */
interface PaymentAttempt {

	/**
	 * Claims the request for {@code paymentId}, in the transaction that inserts the
	 * payment; false when another request with the same key has it.
	 */
	boolean claim(UUID paymentId);

	/**
	 * The payment as the request is answered with it: in the transaction that settles it,
	 * or on its own when someone else settled it first.
	 */
	void answered(Payment payment, List<PaymentRepository.Allocation> allocations);

}
