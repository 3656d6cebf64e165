package dev.portico.invoice.account;

import java.util.Optional;
import java.util.UUID;

/**
 * What invoice-service needs to know about accounts when it issues an invoice: who pays
 * for an account's charges. Asked when an invoice is issued, not cached, so that the
 * invoice carries the payer's name and address as they are that day.
 */
public interface AccountDirectory {

	/** Empty when there is no such account. */
	Optional<BillingParty> billingPartyOf(UUID accountId);

}
