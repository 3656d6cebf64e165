package dev.portico.account.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portico.account.account.AccountService.ContactDetails;
import dev.portico.account.account.AccountService.ContactDetailsChange;
import dev.portico.account.account.BillingAddress;
import dev.portico.account.account.Contact;
import dev.portico.platform.web.InvalidFields;
import dev.portico.platform.web.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;

/**
 * A JSON merge patch (RFC 7396) of an account's {@code contact} and
 * {@code billingAddress}, nothing else. A member set to {@code null} removes it, which is
 * allowed for optional members only; the merged result must pass the same validation as a
 * new account's. Everything the patch could get wrong is reported before the account is
 * touched, except what depends on the current values.
 */
final class ContactDetailsPatch implements ContactDetailsChange {

	private static final Map<String, List<String>> PATCHABLE = Map.of("contact", List.of("name", "email", "phone"),
			"billingAddress", List.of("line1", "line2", "city", "region", "postalCode", "country"));

	private final Map<String, Map<String, String>> changes;

	private final Validator validator;

	private ContactDetailsPatch(Map<String, Map<String, String>> changes, Validator validator) {
		this.changes = changes;
		this.validator = validator;
	}

	/**
	 * Checks the patch's shape: 400 for what is not a patch of text members, 422 for
	 * members it may not touch.
	 */
	static ContactDetailsPatch parse(JsonNode patch, Validator validator) {
		if (patch == null || !patch.isObject()) {
			throw new MalformedPatch("The patch must be a JSON object.");
		}
		List<FieldError> errors = new ArrayList<>();
		Map<String, Map<String, String>> changes = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> member : patch.properties()) {
			String field = member.getKey();
			JsonNode value = member.getValue();
			List<String> allowed = PATCHABLE.get(field);
			if (allowed == null) {
				errors.add(new FieldError(field, "cannot be changed; only contact and billingAddress may be patched"));
			}
			else if (value.isNull()) {
				errors.add(new FieldError(field, "cannot be removed"));
			}
			else if (!value.isObject()) {
				throw new MalformedPatch("Invalid value for field '" + field + "'.");
			}
			else {
				changes.put(field, members(field, value, allowed, errors));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidFields(sorted(errors));
		}
		return new ContactDetailsPatch(changes, validator);
	}

	private static Map<String, String> members(String parent, JsonNode object, List<String> allowed,
			List<FieldError> errors) {
		Map<String, String> members = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> member : object.properties()) {
			String path = parent + "." + member.getKey();
			JsonNode value = member.getValue();
			if (!allowed.contains(member.getKey())) {
				errors.add(new FieldError(path, "is not a field of " + parent));
			}
			else if (value.isNull()) {
				members.put(member.getKey(), null);
			}
			else if (value.isString()) {
				members.put(member.getKey(), value.asString());
			}
			else {
				throw new MalformedPatch("Invalid value for field '" + path + "'.");
			}
		}
		return members;
	}

	@Override
	public ContactDetails apply(ContactDetails current) {
		Contact c = current.contact();
		BillingAddress a = current.billingAddress();
		Map<String, String> contact = merge("contact", c.name(), c.email(), c.phone());
		Map<String, String> address = merge("billingAddress", a.line1(), a.line2(), a.city(), a.region(),
				a.postalCode(), a.country());
		ContactDetails merged = new ContactDetails(
				new Contact(contact.get("name"), contact.get("email"), contact.get("phone")),
				new BillingAddress(address.get("line1"), address.get("line2"), address.get("city"),
						address.get("region"), address.get("postalCode"), address.get("country")));
		List<FieldError> errors = new ArrayList<>();
		violations("contact", this.validator.validate(merged.contact()), errors);
		violations("billingAddress", this.validator.validate(merged.billingAddress()), errors);
		if (!errors.isEmpty()) {
			throw new InvalidFields(sorted(errors));
		}
		return merged;
	}

	/**
	 * The current members in declaration order, overlaid with this patch's members for
	 * {@code field}.
	 */
	private Map<String, String> merge(String field, String... currentValues) {
		Map<String, String> merged = new LinkedHashMap<>();
		List<String> names = PATCHABLE.get(field);
		for (int i = 0; i < names.size(); i++) {
			merged.put(names.get(i), currentValues[i]);
		}
		merged.putAll(this.changes.getOrDefault(field, Map.of()));
		return merged;
	}

	private static void violations(String prefix, Set<? extends ConstraintViolation<?>> violations,
			List<FieldError> errors) {
		violations.forEach((violation) -> errors
			.add(new FieldError(prefix + "." + violation.getPropertyPath(), violation.getMessage())));
	}

	private static List<FieldError> sorted(List<FieldError> errors) {
		return errors.stream()
			.sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
			.toList();
	}

}
