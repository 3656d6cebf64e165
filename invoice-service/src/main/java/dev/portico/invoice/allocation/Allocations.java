package dev.portico.invoice.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import dev.portico.events.invoice.BalanceChanged;
import dev.portico.events.invoice.PaymentAllocated;
import dev.portico.events.payment.PaymentRefunded;
import dev.portico.events.payment.PaymentSucceeded;
import dev.portico.invoice.ledger.AccountLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where money goes, as docs/api.md says: a payment pays the invoice the customer chose
 * first, then the open invoices oldest first (due date, issue date, number); what is left
 * is credit, which the account's next invoices consume, oldest payment first. Every move
 * happens under the account's ledger lock, in the caller's transaction, together with its
 * {@code BalanceChanged} and {@code PaymentAllocated} events.
 */
@Service
public class Allocations {

	private static final Logger log = LoggerFactory.getLogger(Allocations.class);

	private final AccountLedger ledger;

	private final InvoicePayments payments;

	private final ApplicationEventPublisher events;

	Allocations(AccountLedger ledger, InvoicePayments payments, ApplicationEventPublisher events) {
		this.ledger = ledger;
		this.payments = payments;
		this.events = events;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void allocate(PaymentSucceeded payment, Instant now) {
		Currency currency = Currency.getInstance(payment.currency());
		AccountLedger.Entry locked = this.ledger.lock(payment.accountId(), currency);
		if (!locked.currency().equals(currency) || payment.amount().signum() <= 0) {
			// payment-service checks both before charging; should one slip through, it is
			// kept for a refund, never dropped and never applied in the wrong currency.
			String reason = (payment.amount().signum() <= 0) ? "amount is not positive"
					: "currency " + currency + " is not the account's " + locked.currency();
			log.error("Payment {} of account {} not applied: {}", payment.paymentId(), payment.accountId(), reason);
			this.payments.reject(payment.accountId(), payment.paymentId(), payment.amount(), payment.currency(), reason,
					now);
			return;
		}
		List<InvoicePayments.OpenInvoice> open = new ArrayList<>(this.payments.openOldestFirst(payment.accountId()));
		if (payment.invoiceId() != null) {
			open.sort(Comparator
				.comparing((InvoicePayments.OpenInvoice invoice) -> !invoice.invoiceId().equals(payment.invoiceId())));
		}
		BigDecimal remaining = payment.amount();
		List<BalanceChanged.OpenInvoice> changed = new ArrayList<>();
		List<PaymentAllocated.Allocation> allocations = new ArrayList<>();
		for (InvoicePayments.OpenInvoice invoice : open) {
			if (remaining.signum() == 0) {
				break;
			}
			BigDecimal amount = remaining.min(invoice.balance());
			InvoicePayments.OpenInvoice paid = this.payments.apply(invoice, payment.paymentId(), amount, now);
			changed.add(new BalanceChanged.OpenInvoice(paid.invoiceId(), paid.dueDate(), paid.balance()));
			allocations.add(new PaymentAllocated.Allocation(paid.invoiceId(), paid.number(), amount));
			remaining = remaining.subtract(amount);
		}
		if (remaining.signum() > 0) {
			this.payments.keepAsCredit(payment.accountId(), payment.paymentId(), payment.currency(), remaining, now);
		}
		AccountLedger.Entry after = this.ledger.record(payment.accountId(),
				payment.amount().subtract(remaining).negate(), remaining);
		publishBalance(after, changed, now, BalanceChanged.PAYMENT_APPLIED, payment.occurredAt());
		this.events.publishEvent(new PaymentAllocated(UUID.randomUUID(), now, payment.accountId(),
				PaymentAllocated.VERSION, payment.paymentId(), payment.currency(), allocations, remaining));
	}

	/**
	 * Takes a refund back from where its payment went: the payment's unspent credit
	 * first, then the invoices it paid, the latest applied first, each opening again by
	 * what it gives back. The account's balance rises by what was taken from invoices and
	 * its credit falls by what was taken from credit.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void refund(PaymentRefunded refund, Instant now) {
		Currency currency = Currency.getInstance(refund.currency());
		this.ledger.lock(refund.accountId(), currency);
		BigDecimal left = refund.amount();
		BigDecimal fromCredit = this.payments.creditOf(refund.paymentId()).min(left);
		if (fromCredit.signum() > 0) {
			this.payments.spendCredit(refund.paymentId(), fromCredit);
			left = left.subtract(fromCredit);
		}
		BigDecimal reopened = BigDecimal.ZERO;
		List<BalanceChanged.OpenInvoice> changed = new ArrayList<>();
		for (InvoicePayments.Applied applied : this.payments.appliedLatestFirst(refund.paymentId())) {
			if (left.signum() == 0) {
				break;
			}
			BigDecimal amount = left.min(applied.amount());
			InvoicePayments.OpenInvoice open = this.payments.unapply(applied, refund.paymentId(), amount, now);
			changed.add(new BalanceChanged.OpenInvoice(open.invoiceId(), open.dueDate(), open.balance()));
			reopened = reopened.add(amount);
			left = left.subtract(amount);
		}
		if (left.signum() > 0) {
			// payment-service refunds at most what the payment took, all of which went to
			// credit or invoices here.
			log.error("Refund {} of payment {} exceeds what the payment left here by {}", refund.refundId(),
					refund.paymentId(), left);
		}
		AccountLedger.Entry after = this.ledger.record(refund.accountId(), reopened, fromCredit.negate());
		publishBalance(after, changed, now, BalanceChanged.PAYMENT_REFUNDED, refund.occurredAt());
	}

	/**
	 * Pays a just-issued invoice from the account's credit, oldest payment first; returns
	 * what it still owes. The caller holds the ledger lock and records the ledger change.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public InvoicePayments.OpenInvoice payFromCredit(UUID accountId, String currency,
			InvoicePayments.OpenInvoice invoice, Instant now) {
		InvoicePayments.OpenInvoice current = invoice;
		for (InvoicePayments.Credit credit : this.payments.creditsOldestFirst(accountId)) {
			if (current.balance().signum() == 0) {
				break;
			}
			BigDecimal amount = credit.remaining().min(current.balance());
			current = this.payments.apply(current, credit.paymentId(), amount, now);
			BigDecimal left = this.payments.spendCredit(credit.paymentId(), amount);
			this.events.publishEvent(new PaymentAllocated(UUID.randomUUID(), now, accountId, PaymentAllocated.VERSION,
					credit.paymentId(), currency,
					List.of(new PaymentAllocated.Allocation(current.invoiceId(), current.number(), amount)), left));
		}
		return current;
	}

	/**
	 * The account's new totals and the invoices that changed with them, for
	 * account-service's projection; {@code causedAt} is when what moved them happened.
	 */
	public void publishBalance(AccountLedger.Entry ledger, List<BalanceChanged.OpenInvoice> changed, Instant now,
			String cause, Instant causedAt) {
		this.events.publishEvent(new BalanceChanged(UUID.randomUUID(), now, ledger.accountId(), BalanceChanged.VERSION,
				ledger.sequence(), ledger.currency().getCurrencyCode(), ledger.balance(), ledger.credit(), changed,
				cause, causedAt));
	}

}
