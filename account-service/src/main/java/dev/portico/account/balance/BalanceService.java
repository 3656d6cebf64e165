package dev.portico.account.balance;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import dev.portico.account.account.Account;
import dev.portico.account.account.AccountService;
import dev.portico.account.config.AccountsProperties;

import org.springframework.stereotype.Service;

@Service
public class BalanceService {

	private final BalanceRepository balances;

	private final AccountService accounts;

	private final Clock clock;

	private final AccountsProperties properties;

	BalanceService(BalanceRepository balances, AccountService accounts, Clock clock, AccountsProperties properties) {
		this.balances = balances;
		this.accounts = accounts;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * The projected balance as of today; zero in the account's currency while nothing has
	 * been invoiced.
	 */
	public Balance balanceOf(Account account) {
		return this.balances.find(account.id(), today())
			.orElseGet(() -> Balance.zero(account.id(), account.currency()));
	}

	/**
	 * The projection first: it has a row once anything was invoiced or paid, and then the
	 * account is not read.
	 */
	Balance balanceOf(UUID accountId) {
		return this.balances.find(accountId, today())
			.orElseGet(() -> Balance.zero(accountId, this.accounts.get(accountId).currency()));
	}

	/**
	 * Today where the provider's days begin, so that an invoice is due from its due
	 * date's midnight there.
	 */
	LocalDate today() {
		return LocalDate.now(this.clock.withZone(this.properties.timeZone()));
	}

}
