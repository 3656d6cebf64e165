package dev.portico.invoice.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import dev.portico.invoice.config.InvoicesProperties;
import dev.portico.invoice.invoice.Invoice;
import dev.portico.invoice.invoice.InvoiceRepository;
import dev.portico.invoice.pdf.InvoiceDocument;
import dev.portico.invoice.pdf.InvoicePdfRenderer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;

/**
 * Invoice PDFs and their entity tags. The tag is derived from what the document shows
 * (the invoice's id and revision, the layout version and the provider settings), so a
 * conditional request is answered from one row without rendering, and the tag changes as
 * soon as a payment changes the amounts printed.
 */
@Service
class InvoiceDocuments {

	/** Raise when the layout changes, so that clients fetch the new rendering. */
	static final int LAYOUT_VERSION = 1;

	private final InvoiceRepository invoices;

	private final InvoicePdfRenderer renderer;

	private final InvoicesProperties properties;

	private final String settingsFingerprint;

	private final Timer renderTime;

	InvoiceDocuments(InvoiceRepository invoices, InvoicesProperties properties, MeterRegistry meters) {
		this.invoices = invoices;
		this.properties = properties;
		this.renderTime = Timer.builder("portico.invoice.pdf.render")
			.description("Rendering one invoice PDF (without reading the invoice)")
			.publishPercentileHistogram()
			.register(meters);
		this.renderer = new InvoicePdfRenderer(properties.locale());
		this.settingsFingerprint = properties.toString();
	}

	Optional<Invoice> header(UUID accountId, UUID invoiceId) {
		return this.invoices.findHeader(accountId, invoiceId);
	}

	Optional<UUID> latestId(UUID accountId) {
		return this.invoices.findLatestId(accountId);
	}

	/**
	 * A strong tag: the same bytes for the same tag, because rendering is deterministic
	 * for the same inputs.
	 */
	String entityTag(Invoice invoice) {
		String source = invoice.id() + "/" + invoice.revision() + "/" + LAYOUT_VERSION + "/" + this.settingsFingerprint;
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
			return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	Optional<byte[]> render(UUID accountId, UUID invoiceId) {
		return this.invoices.find(accountId, invoiceId)
			.map((invoice) -> this.renderTime.record(() -> this.renderer.render(document(invoice))));
	}

	private InvoiceDocument document(Invoice invoice) {
		InvoicesProperties.Provider provider = this.properties.provider();
		return new InvoiceDocument(
				new InvoiceDocument.Provider(provider.name(), provider.addressLines(), provider.email(),
						provider.phone(), provider.taxId(), provider.paymentInstructions()),
				invoice.number(), invoice.issueDate(), invoice.dueDate(), invoice.periodStart(), invoice.periodEnd(),
				invoice.currency(),
				new InvoiceDocument.BillTo(invoice.billTo().name(), invoice.billTo().accountNumber(),
						invoice.billTo().contactName(), invoice.billTo().email(), invoice.billTo().addressLines()),
				invoice.lines()
					.stream()
					.map((line) -> new InvoiceDocument.Line(line.description(), line.product(),
							line.chargedAccountNumber(), line.quantity(), line.unitPrice(), line.amount()))
					.toList(),
				invoice.subtotal(), invoice.taxRate(), invoice.tax(), invoice.total(), invoice.amountPaid(),
				invoice.balance(), invoice.status().name());
	}

}
