package dev.portico.events.account;

/** An account's contact; {@code phone} may be {@code null}. */
public record AccountContact(String name, String email, String phone) {
}
