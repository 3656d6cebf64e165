package dev.portico.web.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;

/** The Accounts area of docs/api.md. */
@HttpExchange("/api/accounts")
public interface AccountsApi {

	@GetExchange("/{accountId}/overview")
	Overview overview(@PathVariable UUID accountId);

	@GetExchange("/{accountId}")
	Profile profile(@PathVariable UUID accountId);

	/**
	 * A JSON merge patch of {@code contact} and {@code billingAddress}; {@code null}
	 * members remove optional fields.
	 */
	@PatchExchange(url = "/{accountId}", contentType = "application/merge-patch+json")
	Profile patch(@PathVariable UUID accountId, @RequestBody Map<String, Object> patch);

	/** The caller's whole subtree below {@code accountId}, by name or number prefix. */
	@GetExchange("/{accountId}/children")
	ChildPage children(@PathVariable UUID accountId, @RequestParam(required = false) String q, @RequestParam int page,
			@RequestParam int size);

	record Profile(UUID accountId, String accountNumber, String name, String status, String currency, int billDay,
			Contact contact, Address billingAddress, List<AccountPackage> packages, AccountRef parent,
			boolean invoicedByParent) {
	}

	record Contact(String name, String email, String phone) {
	}

	record Address(String line1, String line2, String city, String region, String postalCode, String country) {
	}

	record AccountPackage(UUID packageId, String name, String status, LocalDate startDate, BigDecimal recurringCharge,
			String currency) {
	}

	record ChildPage(List<Child> content, InvoicesApi.PageInfo page) {
	}

	record Child(UUID accountId, String accountNumber, String name, boolean invoicedByParent, boolean hasChildren) {
	}

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
