package dev.portico.account.account;

/** The portal features the provider switched on for an account. */
public record Features(boolean payments, boolean paymentMethods) {
}
