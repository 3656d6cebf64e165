package dev.portico.events.account;

/**
 * An account's billing address; {@code line2}, {@code region} and {@code postalCode} may
 * be {@code null}.
 */
public record AccountAddress(String line1, String line2, String city, String region, String postalCode,
		String country) {
}
