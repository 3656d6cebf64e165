package dev.portico.invoice.ledger;

import java.math.BigDecimal;
import java.util.UUID;

import dev.portico.invoice.invoice.Invoice;
import dev.portico.invoice.invoice.InvoiceRepository;
import dev.portico.invoice.invoice.InvoiceStatus;
import dev.portico.platform.money.Money;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Not routed by the gateway: payment-service asks it, with the paying customer's token,
 * before it charges a card — what the account owes and whether the invoice the customer
 * chose is open and theirs. Hidden from the public API document like account-service's
 * internal endpoints.
 */
@RestController
class ReceivableController {

	private final AccountLedger ledger;

	private final InvoiceRepository invoices;

	ReceivableController(AccountLedger ledger, InvoiceRepository invoices) {
		this.ledger = ledger;
		this.invoices = invoices;
	}

	@Hidden
	@GetMapping("/internal/accounts/{accountId}/receivable")
	Receivable receivable(@PathVariable UUID accountId, @RequestParam(required = false) UUID invoiceId) {
		Receivable.ChosenInvoice chosen = (invoiceId != null)
				? this.invoices.findHeader(accountId, invoiceId).map(Receivable.ChosenInvoice::of).orElse(null) : null;
		return this.ledger.find(accountId)
			.map((entry) -> new Receivable(accountId, entry.currency().getCurrencyCode(),
					new Money(entry.balance().max(BigDecimal.ZERO), entry.currency()).amount(), chosen))
			.orElseGet(() -> new Receivable(accountId, null, BigDecimal.ZERO, chosen));
	}

	/**
	 * @param currency the ledger's currency; {@code null} while nothing was ever invoiced
	 * or paid
	 * @param openBalance what the account owes on its open invoices less its credit,
	 * never below zero
	 * @param invoice the invoice asked about, {@code null} when it is not one of this
	 * account's
	 */
	record Receivable(UUID accountId, String currency, BigDecimal openBalance, ChosenInvoice invoice) {

		record ChosenInvoice(UUID invoiceId, String number, InvoiceStatus status, BigDecimal balance) {

			static ChosenInvoice of(Invoice invoice) {
				return new ChosenInvoice(invoice.id(), invoice.number(), invoice.status(),
						new Money(invoice.balance(), invoice.currency()).amount());
			}

		}

	}

}
