package dev.portico.payment.invoices;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import dev.portico.payment.config.PaymentsProperties;
import dev.portico.platform.web.DependencyUnavailable;
import dev.portico.platform.security.DependencyBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What an account owes, asked of invoice-service right before a charge. Behind a circuit
 * breaker, with the Feign client's connect and read timeouts: when invoice-service cannot
 * answer, the payment is refused with {@code 503} and {@code Retry-After}, and nothing is
 * charged.
 */
@Component
public class Receivables {

	private final InvoiceClient client;

	private final CircuitBreaker circuitBreaker;

	private final Duration retryAfter;

	Receivables(InvoiceClient client, PaymentsProperties properties, ObjectProvider<MeterRegistry> meters) {
		this.client = client;
		this.retryAfter = properties.invoiceServiceRetryAfter();
		this.circuitBreaker = DependencyBreakers.of("invoice-service", this.retryAfter, meters.getIfAvailable(),
				UnaryOperator.identity());
	}

	public Receivable of(UUID accountId, UUID invoiceId) {
		try {
			InvoiceClient.Receivable answer = this.circuitBreaker
				.executeSupplier(() -> this.client.receivable(accountId, invoiceId));
			return new Receivable(Optional.ofNullable(answer.currency()), answer.openBalance(),
					Optional.ofNullable(answer.invoice()).map(InvoiceClient.Receivable.Invoice::isOpen));
		}
		catch (RuntimeException ex) {
			// Feign's timeouts, refused connections, 5xx and an open circuit alike: the
			// check could not be made.
			throw new DependencyUnavailable("invoice service", this.retryAfter);
		}
	}

	/**
	 * @param chosenInvoiceOpen whether the chosen invoice is open; empty when it is not
	 * one of the account's
	 */
	public record Receivable(Optional<String> currency, BigDecimal openBalance, Optional<Boolean> chosenInvoiceOpen) {
	}

}
