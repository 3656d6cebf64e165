package dev.portico.account.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Bodies of {@code POST /api/accounts} for tests: a valid account by default, changed
 * only where a test says so. Maps rather than JSON text, so that a test can put any JSON
 * value, a wrong type included, into any member.
 */
public final class AccountMother {

	private final Map<String, Object> body = new LinkedHashMap<>();

	private AccountMother(String name) {
		this.body.put("name", name);
		this.body.put("currency", "EUR");
		this.body.put("billDay", 1);
		this.body.put("contact", new LinkedHashMap<>(
				Map.of("name", "Ada Lovelace", "email", "ada@example.com", "phone", "+49 30 1234567")));
		Map<String, Object> address = new LinkedHashMap<>();
		address.put("line1", "Unter den Linden 1");
		address.put("line2", null);
		address.put("city", "Berlin");
		address.put("region", null);
		address.put("postalCode", "10117");
		address.put("country", "DE");
		this.body.put("billingAddress", address);
		this.body.put("features", new LinkedHashMap<>(Map.of("payments", true, "paymentMethods", true)));
	}

	public static AccountMother account(String name) {
		return new AccountMother(name);
	}

	public AccountMother below(UUID parentId) {
		this.body.put("parentId", parentId.toString());
		return this;
	}

	public AccountMother invoicedByParent() {
		this.body.put("invoicedByParent", true);
		return this;
	}

	public AccountMother currency(String currency) {
		this.body.put("currency", currency);
		return this;
	}

	/**
	 * Sets any member, nested ones by dotted path ({@code contact.email}); {@code null}
	 * is kept as JSON null.
	 */
	@SuppressWarnings("unchecked")
	public AccountMother with(String path, Object value) {
		String[] parts = path.split("\\.");
		Map<String, Object> target = this.body;
		for (int i = 0; i < parts.length - 1; i++) {
			target = (Map<String, Object>) target.get(parts[i]);
		}
		target.put(parts[parts.length - 1], value);
		return this;
	}

	public AccountMother without(String member) {
		this.body.remove(member);
		return this;
	}

	public Map<String, Object> body() {
		return this.body;
	}

}
