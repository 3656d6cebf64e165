package dev.portico.events.account;

/** The portal features switched on for an account. */
public record AccountFeatures(boolean payments, boolean paymentMethods) {
}
