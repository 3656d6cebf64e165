package dev.portico.web.profile;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.portico.web.api.AccountsApi;

/**
 * The profile form's fields as the browser posts them. Blank optional fields are sent as
 * {@code null}, which the merge patch reads as "remove"; the API decides what is required
 * and valid.
 */
public record ProfileForm(String contactName, String email, String phone, String line1, String line2, String city,
		String region, String postalCode, String country) {

	static ProfileForm of(AccountsApi.Profile profile) {
		AccountsApi.Contact contact = (profile.contact() != null) ? profile.contact()
				: new AccountsApi.Contact(null, null, null);
		AccountsApi.Address address = (profile.billingAddress() != null) ? profile.billingAddress()
				: new AccountsApi.Address(null, null, null, null, null, null);
		return new ProfileForm(contact.name(), contact.email(), contact.phone(), address.line1(), address.line2(),
				address.city(), address.region(), address.postalCode(), address.country());
	}

	Map<String, Object> mergePatch() {
		Map<String, Object> contact = new LinkedHashMap<>();
		contact.put("name", value(this.contactName));
		contact.put("email", value(this.email));
		contact.put("phone", value(this.phone));
		Map<String, Object> address = new LinkedHashMap<>();
		address.put("line1", value(this.line1));
		address.put("line2", value(this.line2));
		address.put("city", value(this.city));
		address.put("region", value(this.region));
		address.put("postalCode", value(this.postalCode));
		address.put("country", (value(this.country) != null) ? this.country.strip().toUpperCase(Locale.ROOT) : null);
		Map<String, Object> patch = new LinkedHashMap<>();
		patch.put("contact", contact);
		patch.put("billingAddress", address);
		return patch;
	}

	private static String value(String field) {
		return (field == null || field.isBlank()) ? null : field.strip();
	}

}
