package dev.portico.web.api;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** The Accounts area of API.md. */
@HttpExchange("/api/accounts")
public interface AccountsApi {

	@GetExchange("/{accountId}/overview")
	Overview overview(@PathVariable UUID accountId);

	record Overview(UUID accountId, String accountNumber, String name, String status, String currency,
			BigDecimal balance, BigDecimal due, int billDay, InvoiceRef latestInvoice, AccountRef parent,
			boolean invoicedByParent, boolean hasChildren, Features features) {

		/** A negative balance is money the provider owes the customer. */
		public boolean inCredit() {
			return this.balance != null && this.balance.signum() < 0;
		}

	}

	record InvoiceRef(UUID invoiceId, String number) {
	}

	record AccountRef(UUID accountId, String accountNumber, String name) {
	}

	record Features(boolean payments, boolean paymentMethods) {
	}

}
