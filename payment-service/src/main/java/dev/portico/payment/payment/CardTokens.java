package dev.portico.payment.payment;

import java.util.Optional;
import java.util.UUID;

/**
 * The processor token of an account's saved payment method, which is all a charge needs.
 */
public interface CardTokens {

	Optional<String> tokenOf(UUID accountId, UUID paymentMethodId);

}
