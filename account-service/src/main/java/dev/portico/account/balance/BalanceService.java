package dev.portico.account.balance;

import java.util.UUID;

import dev.portico.account.account.Account;
import dev.portico.account.account.AccountService;

import org.springframework.stereotype.Service;

@Service
public class BalanceService {

	private final BalanceRepository balances;

	private final AccountService accounts;

	BalanceService(BalanceRepository balances, AccountService accounts) {
		this.balances = balances;
		this.accounts = accounts;
	}

	/** The projected balance; zero in the account's currency while nothing has been invoiced. */
	public Balance balanceOf(Account account) {
		return this.balances.find(account.id()).orElseGet(() -> Balance.zero(account.id(), account.currency()));
	}

	Balance balanceOf(UUID accountId) {
		return balanceOf(this.accounts.get(accountId));
	}

}
