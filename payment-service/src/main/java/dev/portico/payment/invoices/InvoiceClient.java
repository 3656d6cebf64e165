package dev.portico.payment.invoices;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * invoice-service's internal receivable endpoint; see {@link Receivables} for timeouts
 * and the circuit breaker.
 */
@FeignClient(name = "invoice-service", url = "${portico.payments.invoice-service-url}",
		configuration = InvoiceClientConfiguration.class)
interface InvoiceClient {

	@GetMapping("/internal/accounts/{accountId}/receivable")
	Receivable receivable(@PathVariable("accountId") UUID accountId,
			@RequestParam(name = "invoiceId", required = false) UUID invoiceId);

	/**
	 * @param currency the account's billing currency, {@code null} while nothing was ever
	 * invoiced
	 * @param openBalance what the account owes less its credit
	 * @param invoice the chosen invoice when it is the account's, else {@code null}
	 */
	record Receivable(UUID accountId, String currency, BigDecimal openBalance, Invoice invoice) {

		public record Invoice(UUID invoiceId, String number, String status, BigDecimal balance) {

			public boolean isOpen() {
				return "OPEN".equals(this.status) || "PARTIALLY_PAID".equals(this.status);
			}

		}

	}

}
