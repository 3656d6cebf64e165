package dev.portico.invoice.config;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an operator sets for invoices.
 *
 * @param provider who issues the invoices, printed at the head of every PDF
 * @param locale how amounts and dates are written on the PDF
 * ({@code PORTICO_INVOICES_LOCALE}, e.g. {@code en-US}, {@code de-DE})
 */
@ConfigurationProperties("portico.invoices")
public record InvoicesProperties(@DefaultValue Provider provider, @DefaultValue("en-US") Locale locale) {

	/**
	 * @param name the provider's legal name ({@code PORTICO_INVOICES_PROVIDER_NAME})
	 * @param addressLines postal address, one entry a line
	 * @param email billing contact address
	 * @param phone billing contact number
	 * @param taxId VAT or tax registration number, printed when set
	 * @param paymentInstructions how to pay other than in the portal, e.g. bank details
	 */
	public record Provider(@DefaultValue("Portico Demo Telecom") String name, @DefaultValue( {
			"100 Harbour Street", "Springfield, IL 62701", "United States" }) List<String> addressLines,
			@DefaultValue("billing@portico.example") String email, @DefaultValue("+1 555 0100") String phone,
			String taxId,
			@DefaultValue("Pay online in the customer portal, or by bank transfer to Portico Demo Bank, account "
					+ "000123456, routing 021000021.") String paymentInstructions){
	}

}
