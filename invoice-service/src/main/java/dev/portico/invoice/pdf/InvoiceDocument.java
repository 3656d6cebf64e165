package dev.portico.invoice.pdf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Everything printed on one invoice PDF, already computed: the renderer formats and lays
 * out, it does no billing arithmetic. Amounts are in {@link #currency()}; {@code taxRate}
 * is a fraction ({@code 0.0825} for 8.25 %) or {@code null} when the invoice shows no
 * rate. {@code status} is one of {@code OPEN}, {@code PARTIALLY_PAID}, {@code PAID} and
 * {@code VOID}. Lists are copied; {@code null} lists and blank address lines are dropped.
 *
 * @param provider who issues the invoice and is to be paid
 * @param number the invoice number the customer quotes with the payment
 * @param issueDate when the invoice was issued
 * @param dueDate when payment is due
 * @param periodStart first day of the billing period
 * @param periodEnd last day of the billing period
 * @param currency the currency of every amount
 * @param billTo the account the invoice is addressed to
 * @param lines the charges, in the order printed
 * @param subtotal sum of the line amounts
 * @param taxRate tax rate as a fraction, or {@code null}
 * @param tax tax amount
 * @param total subtotal plus tax
 * @param amountPaid what has been paid so far
 * @param balance what is still due
 * @param status OPEN, PARTIALLY_PAID, PAID or VOID
 */
public record InvoiceDocument(Provider provider, String number, LocalDate issueDate, LocalDate dueDate,
		LocalDate periodStart, LocalDate periodEnd, Currency currency, BillTo billTo, List<Line> lines,
		BigDecimal subtotal, BigDecimal taxRate, BigDecimal tax, BigDecimal total, BigDecimal amountPaid,
		BigDecimal balance, String status) {

	public InvoiceDocument {
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(number, "number");
		Objects.requireNonNull(currency, "currency");
		Objects.requireNonNull(billTo, "billTo");
		lines = (lines != null) ? List.copyOf(lines) : List.of();
	}

	/**
	 * Whether the invoice is void: it is then stamped VOID on every page and asks for no
	 * payment.
	 */
	boolean isVoid() {
		return "VOID".equalsIgnoreCase(this.status);
	}

	/**
	 * The issuer as printed in the header; {@code email}, {@code phone}, {@code taxId}
	 * and {@code paymentInstructions} may be {@code null}. Instructions may span lines
	 * ({@code \n}).
	 *
	 * @param name legal name
	 * @param addressLines postal address, one line each
	 * @param email billing contact email
	 * @param phone billing contact phone
	 * @param taxId VAT or tax registration number
	 * @param paymentInstructions how to pay (bank details, payment link)
	 */
	public record Provider(String name, List<String> addressLines, String email, String phone, String taxId,
			String paymentInstructions) {

		public Provider {
			addressLines = printable(addressLines);
		}

	}

	/**
	 * The account billed; {@code contactName}, {@code email} may be {@code null}.
	 *
	 * @param name customer name
	 * @param accountNumber the billed account's number
	 * @param contactName for the attention of
	 * @param email where invoices are sent
	 * @param addressLines billing address, one line each
	 */
	public record BillTo(String name, String accountNumber, String contactName, String email,
			List<String> addressLines) {

		public BillTo {
			addressLines = printable(addressLines);
		}

	}

	/**
	 * One charge. {@code chargedAccountNumber} is the account that incurred it, which
	 * differs from the billed account when a parent is invoiced for its children.
	 * {@code unitPrice} may carry more decimals than the currency (usage priced in
	 * fractions of a cent); {@code amount} is already rounded.
	 *
	 * @param description what was charged
	 * @param product the product or plan
	 * @param chargedAccountNumber the account that incurred the charge
	 * @param quantity how many units
	 * @param unitPrice price of one unit
	 * @param amount the line total
	 */
	public record Line(String description, String product, String chargedAccountNumber, BigDecimal quantity,
			BigDecimal unitPrice, BigDecimal amount) {
	}

	// Mappers often pass optional address parts as null; the PDF should not show empty
	// lines for them.
	private static List<String> printable(List<String> lines) {
		return (lines != null) ? lines.stream().filter((line) -> line != null && !line.isBlank()).toList() : List.of();
	}

}
