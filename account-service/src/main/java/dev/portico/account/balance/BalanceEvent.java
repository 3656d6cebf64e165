package dev.portico.account.balance;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The {@code balance} event of an account's stream.
 *
 * @param cause why it was sent: {@code snapshot} on connect, later the event that changed
 * the balance
 */
public record BalanceEvent(UUID accountId, BigDecimal balance, BigDecimal due, String currency, String cause) {

	public static final String SNAPSHOT = "snapshot";

	public static BalanceEvent of(Balance balance, String cause) {
		return new BalanceEvent(balance.accountId(), balance.balance().amount(), balance.due().amount(),
				balance.balance().currency().getCurrencyCode(), cause);
	}

}
