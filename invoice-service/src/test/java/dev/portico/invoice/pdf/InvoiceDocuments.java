package dev.portico.invoice.pdf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Sample invoices for tests and the benchmark: a consistent invoice by default (line
 * amounts, subtotal, tax, total and balance add up), changed only where a test says so.
 * The default eight lines in USD with 8.25 % tax come to a total of exactly $1,234.50.
 */
public final class InvoiceDocuments {

	/**
	 * The lines of the default invoice: description, product, quantity, unit price (USD).
	 */
	private static final Object[][] CHARGES = { { "Platform subscription, Business plan", "Business", "1", "499.00" },
			{ "Additional seats", "Seats", "12", "19.00" }, { "API calls (per 1,000)", "API usage", "152.35", "0.40" },
			{ "Storage (GB-month)", "Storage", "250", "0.125" }, { "Priority support", "Support", "1", "149.00" },
			{ "SMS notifications", "Messaging", "1840", "0.0075" }, { "Data export add-on", "Add-ons", "2", "45.00" },
			{ "Webhook deliveries (per 1,000)", "API usage", "228.1", "0.30" } };

	private int lineCount = CHARGES.length;

	private Currency currency = Currency.getInstance("USD");

	// Prices in another currency are the USD ones times this rate, rounded to the
	// currency (JPY: whole yen).
	private BigDecimal priceFactor = BigDecimal.ONE;

	private BigDecimal taxRate = new BigDecimal("0.0825");

	private BigDecimal paid = BigDecimal.ZERO;

	private String status = "OPEN";

	private String number = "INV-2026-000123";

	private boolean optionalFields = true;

	private InvoiceDocuments() {
	}

	/** The default invoice builder: eight lines, USD, 8.25 % tax, open, nothing paid. */
	public static InvoiceDocuments invoice() {
		return new InvoiceDocuments();
	}

	/** The default one-page invoice (eight lines, total $1,234.50). */
	public static InvoiceDocument sample() {
		return invoice().build();
	}

	/** A default invoice with {@code count} lines, the eight sample charges repeated. */
	public static InvoiceDocument withLines(int count) {
		return invoice().lines(count).build();
	}

	public InvoiceDocuments lines(int count) {
		this.lineCount = count;
		return this;
	}

	public InvoiceDocuments number(String number) {
		this.number = number;
		return this;
	}

	/**
	 * Prices converted from the sample USD prices at {@code perDollar} units of the
	 * currency to the dollar.
	 */
	public InvoiceDocuments currency(String code, String perDollar) {
		this.currency = Currency.getInstance(code);
		this.priceFactor = new BigDecimal(perDollar);
		return this;
	}

	/** {@code null} for an invoice that shows no tax rate. */
	public InvoiceDocuments taxRate(String rate) {
		this.taxRate = (rate != null) ? new BigDecimal(rate) : null;
		return this;
	}

	public InvoiceDocuments paid(String amount) {
		this.paid = new BigDecimal(amount);
		return this;
	}

	public InvoiceDocuments status(String status) {
		this.status = status;
		return this;
	}

	/**
	 * Leaves out every optional field: emails, phones, tax id, contact, addresses, tax
	 * rate, instructions.
	 */
	public InvoiceDocuments minimal() {
		this.optionalFields = false;
		this.taxRate = null;
		return this;
	}

	public InvoiceDocument build() {
		int decimals = this.currency.getDefaultFractionDigits();
		List<InvoiceDocument.Line> lines = new ArrayList<>();
		BigDecimal subtotal = BigDecimal.ZERO.setScale(decimals);
		for (int i = 0; i < this.lineCount; i++) {
			Object[] charge = CHARGES[i % CHARGES.length];
			BigDecimal quantity = new BigDecimal((String) charge[2]);
			BigDecimal unitPrice = new BigDecimal((String) charge[3]).multiply(this.priceFactor);
			if (this.priceFactor.compareTo(BigDecimal.ONE) != 0) {
				unitPrice = unitPrice.setScale(decimals, RoundingMode.HALF_UP);
			}
			BigDecimal amount = quantity.multiply(unitPrice).setScale(decimals, RoundingMode.HALF_UP);
			subtotal = subtotal.add(amount);
			// Numbered past the first page's worth, so that every line of a long invoice
			// can be found again.
			String description = (this.lineCount > CHARGES.length) ? String.format("%s #%03d", charge[0], i + 1)
					: (String) charge[0];
			String account = "ACC-1002" + (34 + i % 3);
			lines.add(new InvoiceDocument.Line(description, (String) charge[1], account, quantity, unitPrice, amount));
		}
		BigDecimal tax = (this.taxRate != null)
				? subtotal.multiply(this.taxRate).setScale(decimals, RoundingMode.HALF_UP)
				: BigDecimal.ZERO.setScale(decimals);
		BigDecimal total = subtotal.add(tax);
		BigDecimal amountPaid = "PAID".equals(this.status) ? total : this.paid.setScale(decimals, RoundingMode.HALF_UP);
		BigDecimal balance = "VOID".equals(this.status) ? BigDecimal.ZERO.setScale(decimals)
				: total.subtract(amountPaid);
		return new InvoiceDocument(provider(), this.number, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1),
				LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), this.currency, billTo(), lines, subtotal,
				this.taxRate, tax, total, amountPaid, balance, this.status);
	}

	private InvoiceDocument.Provider provider() {
		if (!this.optionalFields) {
			return new InvoiceDocument.Provider("Portico Cloud Services Ltd.", null, null, null, null, null);
		}
		return new InvoiceDocument.Provider("Portico Cloud Services Ltd.",
				List.of("500 Harbor Boulevard, Floor 7", "Oakland, CA 94607", "United States"),
				"billing@portico.example", "+1 510 555 0100", "US 12-3456789",
				"Bank transfer to Portico Cloud Services Ltd., First Example Bank\n"
						+ "Account 000123456789, routing number 021000021, SWIFT FEXBUS33\n"
						+ "Or pay by card at https://portal.portico.example/pay");
	}

	private InvoiceDocument.BillTo billTo() {
		if (!this.optionalFields) {
			return new InvoiceDocument.BillTo("Northwind Traders Inc.", "ACC-100234", null, null, List.of());
		}
		return new InvoiceDocument.BillTo("Northwind Traders Inc.", "ACC-100234", "Ada Lovelace",
				"accounts.payable@northwind.example",
				List.of("1200 Market Street, Suite 400", "San Francisco, CA 94103", "United States"));
	}

}
