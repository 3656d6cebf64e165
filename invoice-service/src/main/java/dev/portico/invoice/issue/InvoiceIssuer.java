package dev.portico.invoice.issue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import dev.portico.events.invoice.BalanceChanged;
import dev.portico.events.invoice.InvoiceIssued;
import dev.portico.invoice.account.AccountDirectory;
import dev.portico.invoice.allocation.Allocations;
import dev.portico.invoice.allocation.InvoicePayments;
import dev.portico.invoice.account.BillingParty;
import dev.portico.invoice.invoice.BillTo;
import dev.portico.invoice.invoice.Invoice;
import dev.portico.invoice.invoice.InvoiceLine;
import dev.portico.invoice.invoice.InvoiceRepository;
import dev.portico.invoice.invoice.InvoiceStatus;
import dev.portico.invoice.ledger.AccountLedger;
import dev.portico.platform.web.FieldError;
import dev.portico.platform.web.InvalidFields;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues invoices: checks the request against the account and its own arithmetic, then
 * writes the invoice, pays it from the payer's credit if there is any, moves the payer's
 * ledger and records {@code InvoiceIssued} and {@code BalanceChanged} in the outbox, all
 * in one transaction. account-service is asked before the transaction starts, so that no
 * database connection waits on it.
 */
@Service
class InvoiceIssuer {

	private final AccountDirectory directory;

	private final InvoiceRepository invoices;

	private final InvoiceNumbers numbers;

	private final AccountLedger ledger;

	private final ApplicationEventPublisher events;

	private final Allocations allocations;

	private final TransactionTemplate transactions;

	private final Clock clock;

	InvoiceIssuer(AccountDirectory directory, InvoiceRepository invoices, InvoiceNumbers numbers, AccountLedger ledger,
			ApplicationEventPublisher events, Allocations allocations, TransactionTemplate transactions, Clock clock) {
		this.directory = directory;
		this.invoices = invoices;
		this.numbers = numbers;
		this.ledger = ledger;
		this.events = events;
		this.allocations = allocations;
		this.transactions = transactions;
		this.clock = clock;
	}

	Invoice issue(IssueInvoiceRequest request) {
		List<FieldError> errors = new ArrayList<>();
		Currency currency = currency(request.currency(), errors);
		if (request.dueDate().isBefore(request.issueDate())) {
			errors.add(new FieldError("dueDate", "must not be before the issue date"));
		}
		if (request.periodEnd().isBefore(request.periodStart())) {
			errors.add(new FieldError("periodEnd", "must not be before the period start"));
		}
		BillingParty party = this.directory.billingPartyOf(request.accountId())
			.orElseThrow(() -> InvalidFields.of("accountId", "no such account"));
		BillingParty.Party payer = party.payer();
		if (currency != null && !currency.getCurrencyCode().equals(payer.currency())) {
			errors
				.add(new FieldError("currency", "must be the currency of the account that pays, " + payer.currency()));
		}
		List<InvoiceLine> lines = lines(request, party, errors,
				(currency != null) ? currency.getDefaultFractionDigits() : 2);
		if (!errors.isEmpty()) {
			throw new InvalidFields(errors);
		}
		Totals totals = Totals.check(request, lines, currency, errors);
		if (!errors.isEmpty()) {
			throw new InvalidFields(errors);
		}
		Invoice invoice = new Invoice(UUID.randomUUID(), null, payer.accountId(), request.issueDate(),
				request.dueDate(), request.periodStart(), request.periodEnd(), currency, totals.subtotal(),
				request.taxRate(), totals.tax(), totals.total(), BigDecimal.ZERO, totals.total(),
				(totals.total().signum() == 0) ? InvoiceStatus.PAID : InvoiceStatus.OPEN, billTo(payer),
				this.clock.instant(), 0, lines);
		Invoice issued = this.transactions.execute((status) -> record(invoice));
		// Read back: credit may have paid part of it in the same transaction.
		return this.invoices.find(issued.accountId(), issued.id()).orElseThrow();
	}

	private Invoice record(Invoice draft) {
		AccountLedger.Entry locked = this.ledger.lock(draft.accountId(), draft.currency());
		Invoice invoice = draft.numbered(this.numbers.next(draft.issueDate().getYear()));
		this.invoices.insert(invoice);
		InvoicePayments.OpenInvoice owed = new InvoicePayments.OpenInvoice(invoice.id(), invoice.number(),
				invoice.dueDate(), invoice.balance());
		if (locked.credit().signum() > 0 && owed.balance().signum() > 0) {
			// Money received earlier and not yet applied pays the new invoice first.
			owed = this.allocations.payFromCredit(invoice.accountId(), invoice.currency().getCurrencyCode(), owed,
					invoice.issuedAt());
		}
		BigDecimal fromCredit = invoice.balance().subtract(owed.balance());
		AccountLedger.Entry ledger = this.ledger.record(invoice.accountId(), owed.balance(), fromCredit.negate());
		List<UUID> charged = List
			.copyOf(new LinkedHashSet<>(invoice.lines().stream().map(InvoiceLine::chargedAccountId).toList()));
		this.events.publishEvent(
				new InvoiceIssued(UUID.randomUUID(), invoice.issuedAt(), invoice.accountId(), InvoiceIssued.VERSION,
						invoice.id(), invoice.number(), invoice.issueDate(), invoice.dueDate(), invoice.periodStart(),
						invoice.periodEnd(), invoice.currency().getCurrencyCode(), invoice.total(), charged));
		this.allocations.publishBalance(ledger,
				List.of(new BalanceChanged.OpenInvoice(invoice.id(), invoice.dueDate(), owed.balance())),
				invoice.issuedAt(), BalanceChanged.INVOICE_ISSUED, invoice.issuedAt());
		return invoice;
	}

	private List<InvoiceLine> lines(IssueInvoiceRequest request, BillingParty party, List<FieldError> errors,
			int minorDigits) {
		Map<UUID, Optional<BillingParty>> others = new HashMap<>();
		List<InvoiceLine> lines = new ArrayList<>(request.lines().size());
		for (int i = 0; i < request.lines().size(); i++) {
			IssueInvoiceRequest.Line line = request.lines().get(i);
			String field = "lines[" + i + "]";
			BillingParty.Party charged = party.account();
			if (line.chargedAccountId() != null && !line.chargedAccountId().equals(request.accountId())) {
				Optional<BillingParty> other = others.computeIfAbsent(line.chargedAccountId(),
						this.directory::billingPartyOf);
				if (other.isEmpty()) {
					errors.add(new FieldError(field + ".chargedAccountId", "no such account"));
					continue;
				}
				if (!other.get().payer().accountId().equals(party.payer().accountId())) {
					errors.add(new FieldError(field + ".chargedAccountId",
							"is not invoiced to " + party.payer().accountNumber()));
					continue;
				}
				charged = other.get().account();
			}
			BigDecimal amount = line.quantity().multiply(line.unitPrice()).setScale(minorDigits, RoundingMode.HALF_UP);
			if (line.amount() != null && line.amount().compareTo(amount) != 0) {
				errors.add(new FieldError(field + ".amount", "must be quantity × unit price rounded to " + minorDigits
						+ " decimals: " + amount.toPlainString()));
			}
			lines.add(new InvoiceLine(line.description().strip(), line.product().strip(), charged.accountId(),
					charged.accountNumber(), line.quantity(), line.unitPrice(), amount));
		}
		return lines;
	}

	private static Currency currency(String code, List<FieldError> errors) {
		try {
			return Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldError("currency", "must be an ISO 4217 currency code"));
			return null;
		}
	}

	private static BillTo billTo(BillingParty.Party payer) {
		BillingParty.Address address = payer.billingAddress();
		List<String> lines = new ArrayList<>();
		if (address != null) {
			Stream.of(address.line1(), address.line2()).filter(InvoiceIssuer::present).forEach(lines::add);
			String locality = String.join(" ", Stream
				.of(address.city() + ((present(address.region())) ? "," : ""), address.region(), address.postalCode())
				.filter(InvoiceIssuer::present)
				.toList());
			if (present(locality)) {
				lines.add(locality);
			}
			if (present(address.country())) {
				lines.add(address.country());
			}
		}
		BillingParty.Contact contact = payer.contact();
		return new BillTo(payer.name(), payer.accountNumber(), (contact != null) ? contact.name() : null,
				(contact != null) ? contact.email() : null, lines);
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * The invoice's sums, computed from its lines and checked against what the request
	 * says they are.
	 */
	record Totals(BigDecimal subtotal, BigDecimal tax, BigDecimal total) {

		static Totals check(IssueInvoiceRequest request, List<InvoiceLine> lines, Currency currency,
				List<FieldError> errors) {
			int digits = currency.getDefaultFractionDigits();
			BigDecimal subtotal = lines.stream()
				.map(InvoiceLine::amount)
				.reduce(BigDecimal.ZERO.setScale(digits), BigDecimal::add);
			agree("subtotal", request.subtotal(), subtotal, "the sum of the line amounts", errors);
			BigDecimal tax;
			if (request.taxRate() != null) {
				tax = subtotal.multiply(request.taxRate()).setScale(digits, RoundingMode.HALF_UP);
				agree("tax", request.tax(), tax, "the subtotal × taxRate, rounded", errors);
			}
			else {
				tax = (request.tax() != null) ? request.tax() : BigDecimal.ZERO.setScale(digits);
				if (tax.signum() < 0) {
					errors.add(new FieldError("tax", "must not be negative"));
				}
				if (tax.stripTrailingZeros().scale() > digits) {
					errors
						.add(new FieldError("tax", "has more decimals than " + currency.getCurrencyCode() + " allows"));
				}
			}
			BigDecimal total = subtotal.add(tax);
			agree("total", request.total(), total, "subtotal + tax", errors);
			if (total.signum() < 0) {
				errors.add(new FieldError("total", "must not be negative; credits are not invoices"));
			}
			return new Totals(subtotal, tax, total);
		}

		private static void agree(String field, BigDecimal sent, BigDecimal computed, String rule,
				List<FieldError> errors) {
			if (sent != null && sent.compareTo(computed) != 0) {
				errors.add(new FieldError(field, "must be " + rule + ": " + computed.toPlainString()));
			}
		}

	}

}
