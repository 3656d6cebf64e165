package dev.portico.payment.method;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A change to a saved card: {@code isDefault: true} makes it the default,
 * {@code expMonth} with {@code expYear} records a renewed card's expiry. Anything else is
 * refused by the strict JSON settings ({@code 400}).
 */
record UpdatePaymentMethodRequest(@JsonProperty("isDefault") Boolean isDefault, Integer expMonth, Integer expYear) {

}
